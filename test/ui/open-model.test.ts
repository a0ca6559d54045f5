import { describe, expect, test } from "bun:test";
import { renderHtmlReport } from "../../src/ui/report/html-report.ts";
import { startHttpTarget } from "../support/http-target.ts";
import { task } from "../../src/core/user/decorators.ts";
import { HttpUser } from "../../src/protocols/http/index.ts";
import type { LocalRunner } from "../../src/core/runner/local-runner.ts";
import { createUiFixture, waitFor } from "./ui-fixture.ts";

/** Its requests carry the user's context, as every protocol client's do, so they count in the corrected stats. */
class Api extends HttpUser {
  @task async fast() {
    await this.client.get("/ultra_fast");
  }
}

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

describe("the web UI in an open-model run", () => {
  test("the start form's arrival rate starts iterations on a pool instead of a user ramp", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture();
    const fields = { user_count: "1", spawn_rate: "1", host: target.url, arrival_rate: "50", max_users: "3" };
    const answer = await (await fixture.request("/swarm", form(fields))).json();
    expect(answer).toEqual({ success: true, message: "Swarming started at 50 iterations per second", host: target.url });
    const { stats, runner } = fixture.environment;
    await waitFor(() => stats.iterations.started >= 20 && stats.total.numRequests >= 20, "iterations run");
    expect(runner!.userCount).toBeLessThanOrEqual(3);
    expect(fixture.environment.parsedOptions.arrivalRate).toBeUndefined(); // not taken for a custom option
  });

  test("the edit dialog's new arrival rate re-targets the running iterations; an empty one goes back to users", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture({}, { host: target.url, userClasses: [Api] });
    const runner = fixture.environment.runner as LocalRunner;
    await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "1", arrival_rate: "20", max_users: "4" }));
    await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "1", arrival_rate: "80", max_users: "4" }));
    expect(runner.arrival.rate).toBe(80);
    await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "100", arrival_rate: "" }));
    await waitFor(() => runner.spawner.userCount === 2 && !runner.arrival.running, "the closed model back");
  });

  test("a bad arrival rate is refused with one line and starts nothing", async () => {
    await using fixture = createUiFixture({}, { host: "http://127.0.0.1:9" });
    const answer = await (await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "1", arrival_rate: "fast" }))).json();
    expect(answer).toEqual({ success: false, message: "Invalid arrival_rate fast: iterations per second must be a number above 0", host: "http://127.0.0.1:9" });
    expect(fixture.environment.runner!.state).toBe("ready");
  });

  test("/stats/requests, /metrics and the HTML report show dropped iterations and corrected percentiles; a closed run shows none", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture({}, { host: target.url, userClasses: [Api] });
    const closed = (await (await fixture.request("/stats/requests")).json()) as Record<string, unknown>;
    expect(closed).not.toHaveProperty("dropped_iterations");
    expect(await (await fixture.request("/metrics")).text()).not.toContain("dropped_iterations");

    const { stats } = fixture.environment;
    await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "1", arrival_rate: "400", max_users: "1" }));
    await waitFor(() => stats.iterations.dropped > 0 && stats.corrected.hasSamples, "a dropped iteration and corrected samples");
    const report = (await (await fixture.request("/stats/requests")).json()) as Record<string, unknown>;
    expect(report.dropped_iterations).toBeGreaterThan(0);
    expect(report.iterations_started).toBeGreaterThan(0);
    expect(Object.keys(report.corrected_response_time_percentiles as object)).toEqual([
      "response_time_percentile_0.5",
      "response_time_percentile_0.95",
      "response_time_percentile_0.99",
    ]);
    const metrics = await (await fixture.request("/metrics")).text();
    expect(metrics).toMatch(/^locust_dropped_iterations_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^locust_iterations_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^locust_corrected_response_time_milliseconds_count\{method="GET",name="\/ultra_fast"\} [1-9]\d*$/m);
    const html = renderHtmlReport(fixture.environment);
    expect(html).toContain("corrected for coordinated omission");
    expect(html).toMatch(/Iterations: \d+ started, \d+ dropped/);
  });
});
