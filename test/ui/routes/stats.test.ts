import { describe, expect, test } from "bun:test";
import { createUiFixture, ManualClock, recordRequest } from "../ui-fixture.ts";

/** Five requests at t = 1010.5 on an environment created at t = 1000: four GET /a, one failing POST /b. */
function fixtureWithRequests() {
  const clock = new ManualClock(1000);
  const fixture = createUiFixture({}, { clock });
  clock.seconds = 1010.5;
  for (const ms of [10, 20, 30, 40]) recordRequest(fixture.environment, "/a", ms, { length: 100 });
  recordRequest(fixture.environment, "/b", 5, { method: "POST", error: new Error("nope") });
  return fixture;
}

describe("/stats/requests", () => {
  test("answers Locust's shape with entries sorted by name, Aggregated last, and the failure groups", async () => {
    await using fixture = fixtureWithRequests();
    const response = await fixture.request("/stats/requests");
    expect(response.headers.get("content-type")).toBe("application/json");
    const rate = expect.any(Number);
    expect(await response.json()).toEqual({
      stats: [
        {
          method: "GET", name: "/a", num_requests: 4, num_failures: 0, min_response_time: 10, max_response_time: 40,
          current_rps: rate, current_fail_per_sec: rate, avg_response_time: 25, median_response_time: 20,
          total_rps: 4 / 10.5, total_fail_per_sec: 0, "response_time_percentile_0.95": 40,
          "response_time_percentile_0.99": 40, avg_content_length: 100,
        },
        {
          method: "POST", name: "/b", num_requests: 1, num_failures: 1, min_response_time: 5, max_response_time: 5,
          current_rps: rate, current_fail_per_sec: rate, avg_response_time: 5, median_response_time: 5,
          total_rps: 1 / 10.5, total_fail_per_sec: 1 / 10.5, "response_time_percentile_0.95": 5,
          "response_time_percentile_0.99": 5, avg_content_length: 0,
        },
        {
          method: "", name: "Aggregated", num_requests: 5, num_failures: 1, min_response_time: 5, max_response_time: 40,
          current_rps: rate, current_fail_per_sec: rate, avg_response_time: 21, median_response_time: 20,
          total_rps: 5 / 10.5, total_fail_per_sec: 1 / 10.5, "response_time_percentile_0.95": 40,
          "response_time_percentile_0.99": 40, avg_content_length: 80,
        },
      ],
      errors: [{ name: "/b", method: "POST", error: "Error('nope')", occurrences: 1, first_seen: 1010.5, last_seen: 1010.5 }],
      total_rps: 5 / 10.5,
      total_fail_per_sec: 1 / 10.5,
      fail_ratio: 0.2,
      current_rps: rate,
      current_fail_per_sec: rate,
      current_response_time_percentiles: { "response_time_percentile_0.5": 20, "response_time_percentile_0.95": 40 },
      state: "ready",
      user_count: 0,
    });
  });

  test("writes keys in alphabetical order with two-space indent, as Flask's jsonify does", async () => {
    await using fixture = fixtureWithRequests();
    const text = await (await fixture.request("/stats/requests")).text();
    const topKeys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual([...topKeys].sort());
    expect(topKeys).toContain("current_response_time_percentiles");
    expect(text.endsWith("}\n")).toBe(true);
  });

  test("keeps at most 500 entries plus Aggregated", async () => {
    await using fixture = createUiFixture();
    for (let i = 0; i < 510; i++) recordRequest(fixture.environment, `/item/${String(i).padStart(3, "0")}`, 1);
    const body = (await (await fixture.request("/stats/requests")).json()) as { stats: { name: string }[] };
    expect(body.stats).toHaveLength(501);
    expect(body.stats[0]!.name).toBe("/item/000");
    expect(body.stats.at(-1)!.name).toBe("Aggregated");
  });

  test("without a runner answers Locust's 'missing' report", async () => {
    await using fixture = createUiFixture({}, { runner: false });
    expect(await (await fixture.request("/stats/requests")).json()).toEqual({
      stats: [], errors: [], total_rps: 0, total_fail_per_sec: 0, fail_ratio: 0,
      current_response_time_percentile_1: null, current_response_time_percentile_2: null, state: "missing", user_count: 0,
    });
  });
});

describe("/stats/reset", () => {
  test("fires resetStats, zeroes the stats, clears the exceptions and answers ok", async () => {
    await using fixture = fixtureWithRequests();
    const { environment } = fixture;
    let fired = 0;
    environment.events.resetStats.addListener(() => fired++);
    environment.runner!.exceptions.record(new Error("x"), "trace");
    const response = await fixture.request("/stats/reset");
    expect(await response.text()).toBe("ok");
    expect(fired).toBe(1);
    expect(environment.stats.total.numRequests).toBe(0);
    expect(environment.stats.errors.size).toBe(0);
    expect(environment.runner!.exceptions.size).toBe(0);
    const body = (await (await fixture.request("/stats/requests")).json()) as { stats: { num_requests: number }[] };
    expect(body.stats.map((s) => s.num_requests)).toEqual([0, 0, 0]);
  });
});

describe("/stats/report", () => {
  test("renders the HTML report with a download link, in the dark theme when asked", async () => {
    await using fixture = fixtureWithRequests();
    const light = await fixture.request("/stats/report");
    expect(light.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(light.headers.get("content-disposition")).toBeNull();
    const html = await light.text();
    expect(html).toContain('<html lang="en" class="light">');
    expect(html).toContain('href="?download=1"');
    const dark = await (await fixture.request("/stats/report?theme=dark")).text();
    expect(dark).toContain('<html lang="en" class="dark">');
  });

  test("with ?download=1 is an attachment named like Locust's and has no download link", async () => {
    await using fixture = fixtureWithRequests();
    fixture.environment.host = "http://127.0.0.1:9";
    const response = await fixture.request("/stats/report?download=1");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Locust_\d{4}-\d\d-\d\d-\d\dh\d\d_locustfile_http:\/\/127\.0\.0\.1:9\.html"$/,
    );
    expect(await response.text()).not.toContain("?download=1");
  });
});
