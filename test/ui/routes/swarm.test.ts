import { describe, expect, test } from "bun:test";
import { task } from "../../../src/core/user/decorators.ts";
import { HttpUser } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { CrashingUser, createUiFixture, SteppedClock, TargetUser, waitFor } from "../ui-fixture.ts";

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return { method: "POST", body };
};

describe("POST /swarm", () => {
  test("starts real users against the host from the form and answers Locust's success message", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture();
    const response = await fixture.request("/swarm", form({ user_count: "3", spawn_rate: "50", host: target.url }));
    expect(await response.json()).toEqual({ success: true, message: "Swarming started", host: target.url });
    const runner = fixture.environment.runner!;
    await waitFor(() => runner.userCount === 3, "3 users");
    await waitFor(() => target.hits("GET", "/ultra_fast") > 0 && target.hits("GET", "/fail") > 0, "requests on the target");
    await waitFor(() => (fixture.environment.stats.find("/fail", "GET")?.numFailures ?? 0) > 0, "failures recorded");
    expect(fixture.environment.stats.find("/ultra_fast", "GET")!.numRequests).toBeGreaterThan(0);
  });

  test("accepts a JSON body and re-targets a running test to the new user count", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture({}, { host: target.url });
    const runner = fixture.environment.runner!;
    const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await (await fixture.request("/swarm", json({ user_count: 2, spawn_rate: 100 }))).json()) as object).toMatchObject({ success: true });
    await waitFor(() => runner.userCount === 2, "2 users");
    await fixture.request("/swarm", json({ user_count: 5, spawn_rate: 100 }));
    await waitFor(() => runner.userCount === 5 && runner.state === "running", "5 users running");
    await fixture.request("/swarm", json({ user_count: 1, spawn_rate: 100 }));
    await waitFor(() => runner.userCount === 1, "1 user after ramping down");
  });

  test("answers Locust's message when user_count is missing or spawn_rate is zero", async () => {
    await using fixture = createUiFixture({}, { host: "http://127.0.0.1:9" });
    const missing = { success: false, message: "Missing user_count or spawn_rate from /swarm request", host: "http://127.0.0.1:9" };
    expect(await (await fixture.request("/swarm", form({ spawn_rate: "1" }))).json()).toEqual(missing);
    expect(await (await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "0" }))).json()).toEqual(missing);
    expect(await (await fixture.request("/swarm", form({ user_count: "two", spawn_rate: "1" }))).json()).toEqual(missing);
    expect(fixture.environment.runner!.state).toBe("ready");
  });

  test("answers Locust's message for an invalid run_time and does not start", async () => {
    await using fixture = createUiFixture();
    const response = await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "1", host: "http://h", run_time: "5x" }));
    expect(await response.json()).toEqual({
      success: false,
      message: "Valid run_time formats are : 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.",
      host: "http://h",
    });
    expect(fixture.environment.runner!.state).toBe("ready");
  });

  test("reports run_time in seconds and stops the runner when it has passed", async () => {
    const clock = new SteppedClock();
    await using fixture = createUiFixture({}, { clock, userClasses: [CrashingUser] });
    const response = await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "10", host: "http://h", run_time: "1m30s" }));
    expect(await response.json()).toEqual({ success: true, message: "Swarming started", host: "http://h", run_time: 90 });
    const runner = fixture.environment.runner!;
    await waitFor(() => runner.state === "running", "running");
    clock.advance(89);
    await Bun.sleep(0);
    expect(runner.state).toBe("running");
    clock.advance(1);
    await waitFor(() => runner.state === "stopped", "stopped by the run-time limit");
  });

  test("re-targeting a running test without run_time keeps its limit; the start form then offers the last numbers", async () => {
    const clock = new SteppedClock();
    await using fixture = createUiFixture({}, { clock, userClasses: [CrashingUser] });
    await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "10", host: "http://h", run_time: "60" }));
    const runner = fixture.environment.runner!;
    await waitFor(() => runner.state === "running", "running");
    clock.advance(30);
    await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "5" }));
    await waitFor(() => runner.userCount === 2, "2 users");
    clock.advance(30);
    await waitFor(() => runner.state === "stopped", "stopped by the first run_time");
    // The options the page's boot config reads its form defaults from.
    expect([fixture.options.users, fixture.options.spawnRate, fixture.options.runTime]).toEqual([2, 5, 60]);
    expect(fixture.environment.parsedOptions).toMatchObject({ users: 2, spawnRate: 5, runTime: 60, host: "http://h" });
  });

  test("strips < and > from the host, as Locust does against XSS", async () => {
    await using fixture = createUiFixture();
    const response = await fixture.request("/swarm", form({ spawn_rate: "1", host: "http://a<script>b" }));
    expect(((await response.json()) as { host: string }).host).toBe("http://ascriptb");
    expect(fixture.environment.host).toBe("http://ascriptb");
  });

  test("with the class picker runs only the picked classes and lists them", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture({ classPicker: true }, { userClasses: [TargetUser, CrashingUser], host: target.url });
    const response = await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "100", user_classes: ["TargetUser"] }));
    expect(await response.json()).toEqual({ success: true, message: "Swarming started", host: target.url, user_classes: ["TargetUser"] });
    const runner = fixture.environment.runner!;
    await waitFor(() => runner.userCount === 2, "2 users");
    expect(runner.userClassesCount.TargetUser).toBe(2);
    expect(runner.userClassesCount.CrashingUser ?? 0).toBe(0);
  });

  test("with the class picker, a selection that names no class is refused and starts nothing", async () => {
    await using fixture = createUiFixture({ classPicker: true }, { userClasses: [TargetUser, CrashingUser], host: "http://h" });
    const response = await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "100", user_classes: ["Nope"] }));
    expect(await response.json()).toEqual({ success: false, message: "Unknown User(s): Nope", host: "http://h" });
    expect(fixture.environment.runner!.state).toBe("ready");
  });

  test("an HTTP user with no host anywhere is refused with a message for the form; the form's Host then starts it", async () => {
    class NoHostUser extends HttpUser {
      static override abstract = false;
      @task async home() {
        await this.client.get("/ultra_fast");
      }
    }
    await using target = startHttpTarget();
    await using fixture = createUiFixture({}, { userClasses: [NoHostUser] });
    const refused = await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "10", host: "" }));
    expect(await refused.json()).toEqual({
      success: false,
      message: "Enter a Host (e.g. http://127.0.0.1:8080): NoHostUser has no host of its own and none was given with -H.",
      host: "",
    });
    expect(fixture.environment.runner!.state).toBe("ready");
    const started = await fixture.request("/swarm", form({ user_count: "1", spawn_rate: "10", host: target.url }));
    expect(await started.json()).toEqual({ success: true, message: "Swarming started", host: target.url });
    await waitFor(() => fixture.environment.stats.total.numRequests > 0 && fixture.environment.stats.total.numFailures === 0, "a request to the form's host");
  });

  test("updates a custom option named by its snake_case wire name, keeping its type", async () => {
    await using fixture = createUiFixture({}, { parsedOptions: { myFlag: false, maxItems: 3, label: "a" } });
    await fixture.request("/swarm", form({ spawn_rate: "1", my_flag: "true", max_items: "7", label: "b" }));
    expect(fixture.environment.parsedOptions).toEqual({ myFlag: true, maxItems: 7, label: "b" });
  });
});

describe("GET /stop", () => {
  test("stops the users and answers Locust's message", async () => {
    await using target = startHttpTarget();
    await using fixture = createUiFixture({}, { host: target.url });
    await fixture.request("/swarm", form({ user_count: "2", spawn_rate: "100" }));
    const runner = fixture.environment.runner!;
    await waitFor(() => runner.userCount === 2, "2 users");
    expect(await (await fixture.request("/stop")).json()).toEqual({ success: true, message: "Test stopped" });
    await waitFor(() => runner.state === "stopped" && runner.userCount === 0, "stopped");
  });
});
