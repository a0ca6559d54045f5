import { describe, expect, test } from "bun:test";
import { Environment } from "../../src/core/environment.ts";
import { task } from "../../src/core/user/decorators.ts";
import { User } from "../../src/core/user/user.ts";
import { constant } from "../../src/core/user/wait-time.ts";
import { StatsPush } from "../../src/ui/stats-push.ts";
import { recordRequest, SteppedClock, waitFor } from "./ui-fixture.ts";

class IdleUser extends User {
  static override abstract = false;
  override waitTime = constant(3600);
  @task idle() {}
}

function setUp() {
  const clock = new SteppedClock(1_800_000_000);
  const environment = new Environment({ userClasses: [IdleUser], clock, host: "http://h" });
  environment.attachStats();
  const runner = environment.createLocalRunner();
  return {
    clock,
    environment,
    runner,
    push: new StatsPush(environment),
    async [Symbol.asyncDispose]() {
      await runner.quit();
    },
  };
}

describe("StatsPush", () => {
  test("builds compact rows for the entries and the total", async () => {
    await using s = setUp();
    recordRequest(s.environment, "/x", 10, { length: 7 });
    recordRequest(s.environment, "/x", 30, { length: 9, error: new Error("no") });
    const frame = s.push.tick();
    const rate = expect.any(Number);
    expect(frame).toEqual({
      type: "stats",
      state: "ready",
      userCount: 0,
      host: "http://h",
      statsStart: 1_800_000_000,
      failRatio: 0.5,
      entryCount: 1,
      exceptionCount: 0,
      exceptionOccurrences: 0,
      rows: [["GET", "/x", 2, 1, 10, 30, 30, 20, 10, 30, 8, rate, rate]],
      total: ["", "Aggregated", 2, 1, 10, 30, 30, 20, 10, 30, 8, rate, rate],
      errors: [["GET", "/x", "Error('no')", 1]],
      point: null,
    });
  });

  test("records one chart point per tick only while a test is active", async () => {
    await using s = setUp();
    expect(s.push.tick().point).toBeNull();
    void s.runner.start(2, 1000);
    await waitFor(() => s.runner.userCount === 2, "2 users");
    s.clock.advance(1);
    const frame = s.push.tick();
    expect(frame.point).toEqual([(1_800_000_000 + 1) * 1000, 0, 0, 0, 0, 2]);
    // The runner's own history row (recorded when spawning completed) comes first, then the pushed point.
    expect(s.push.chartHistory()).toHaveLength(s.environment.stats.history.rows.length + 1);
    expect(s.push.chartHistory().at(-1)).toEqual(frame.point!);
  });

  test("a subscriber's first frame carries the history, older stats.history rows first", async () => {
    await using s = setUp();
    void s.runner.start(1, 1000);
    await waitFor(() => s.runner.userCount === 1, "1 user");
    const { stats } = s.environment;
    stats.history.record(stats, 1, s.clock.now() - 10);
    stats.history.record(stats, 1, s.clock.now() - 5);
    s.push.tick();
    stats.history.record(stats, 1, s.clock.now());
    const first = s.push.initialFrame();
    expect(first.history!.map((point) => point[0] / 1000 - 1_800_000_000)).toEqual([-10, -5, 0]);
    expect(first.point).toBeNull();
    expect(s.push.tick().history).toBeUndefined();
  });

  test("drops its points when the stats are reset", async () => {
    await using s = setUp();
    void s.runner.start(1, 1000);
    await waitFor(() => s.runner.userCount === 1, "1 user");
    s.push.tick();
    s.clock.advance(1);
    s.push.tick();
    expect(s.push.chartHistory()).toHaveLength(2);
    s.clock.advance(1);
    s.environment.stats.resetAll();
    expect(s.push.chartHistory()).toHaveLength(2);
    const frame = s.push.tick();
    expect(frame.statsStart).toBe(1_800_000_002);
    // The runner's own history row (recorded when spawning completed) comes first, then the pushed point.
    expect(s.push.chartHistory()).toHaveLength(s.environment.stats.history.rows.length + 1);
    expect(s.push.chartHistory().at(-1)).toEqual(frame.point!);
  });

  test("start() publishes a frame a second through the environment's clock", async () => {
    await using s = setUp();
    const published: string[] = [];
    s.push.start((text) => published.push(text));
    s.clock.advance(1);
    await waitFor(() => published.length === 1, "one frame");
    s.clock.advance(1);
    await waitFor(() => published.length === 2, "two frames");
    s.push.stop();
    s.clock.advance(1);
    await Bun.sleep(0);
    expect(published).toHaveLength(2);
    expect(JSON.parse(published[0]!)).toMatchObject({ type: "stats", state: "ready" });
  });
});
