import { describe, expect, test } from "bun:test";
import { Environment } from "../../../../src/core/environment.ts";
import { User } from "../../../../src/core/user/user.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import { StopUser } from "../../../../src/core/errors.ts";
import type { ArrivalPlan } from "../../../../src/core/runner/arrival/arrival-driver.ts";
import { FakeClock } from "../../../support/fake-clock.ts";

/** A user whose one task reports a 1 ms request, then sleeps `taskMs` on the environment's clock. */
function defineTimedUser(taskMs: number, onStartMs = 0) {
  const log = { starts: 0, stops: 0, iterations: 0 };
  class Timed extends User {
    static override abstract = false;
    override async onStart() {
      log.starts++;
      if (onStartMs > 0) await this.sleep(onStartMs);
    }
    override onStop() {
      log.stops++;
    }
    @task async work() {
      log.iterations++;
      if (taskMs > 0) await this.sleep(taskMs);
      this.environment.events.request.fire({ requestType: "GET", name: "/work", responseTime: 1, responseLength: 0, context: this.context() });
    }
  }
  return { Timed, log };
}

function setUp(cls: typeof User) {
  const clock = new FakeClock();
  const environment = new Environment({ userClasses: [cls as never], clock });
  environment.attachStats();
  const runner = environment.createLocalRunner();
  /** Starts (or re-targets) the run and lets the iterations due now run before the clock moves on. */
  const start = async (plan: ArrivalPlan) => {
    await runner.startArrivalRate(plan);
    await clock.advance(0);
  };
  return { clock, environment, runner, start };
}

describe("arrival-rate runs over a fake clock", () => {
  test("starts iterations at the asked rate and reuses one idle user when each finishes in time", async () => {
    const { Timed, log } = defineTimedUser(0);
    const { clock, environment, runner, start } = setUp(Timed);
    await start({ rate: 10, maxUsers: 50 });
    await clock.advance(2000);
    expect(environment.stats.iterations.started).toBe(21); // t = 0, 100, …, 2000 ms
    expect(log).toEqual({ starts: 1, stops: 0, iterations: 21 });
    expect(runner.userCount).toBe(1);
    await runner.stop();
    expect(log.stops).toBe(1);
    expect(runner.userCount).toBe(0);
  });

  test("grows the pool while users are busy, up to the ceiling, then drops and counts iterations", async () => {
    const { Timed, log } = defineTimedUser(10_000);
    const { clock, environment, runner, start } = setUp(Timed);
    await start({ rate: 10, maxUsers: 4 });
    await clock.advance(1000);
    expect(runner.userCount).toBe(4);
    expect(environment.stats.iterations).toMatchObject({ started: 4, dropped: 7 });
    expect(log.starts).toBe(4);
    await runner.stop();
    expect(log.stops).toBe(4);
  });

  test("pre-allocated users start before the first iteration and are reused", async () => {
    const { Timed, log } = defineTimedUser(250);
    const { clock, runner, start } = setUp(Timed);
    await start({ rate: 4, maxUsers: 10, preAllocatedUsers: 3 });
    expect(log.starts).toBe(3);
    await clock.advance(5000);
    expect(runner.userCount).toBe(3); // 250 ms tasks every 250 ms: the 3 pre-allocated ones suffice
    expect(log.iterations).toBe(21);
    await runner.stop();
  });

  test("a new rate ramps the run up without a burst: what each second owed, no more", async () => {
    const { Timed } = defineTimedUser(0);
    const { clock, environment, runner, start } = setUp(Timed);
    await start({ rate: 10, maxUsers: 10 });
    await clock.advance(999);
    const first = environment.stats.iterations.started;
    await start({ rate: 100, maxUsers: 10 });
    await clock.advance(1000);
    expect(first).toBe(10);
    expect(environment.stats.iterations.started - first).toBe(100);
    await runner.stop();
  });

  test("an iteration that throws StopUser retires its user; the pool makes a new one later", async () => {
    let calls = 0;
    class Quitter extends User {
      static override abstract = false;
      @task quit() {
        calls++;
        throw new StopUser();
      }
    }
    const { clock, runner, start } = setUp(Quitter);
    await start({ rate: 2, maxUsers: 1 });
    await clock.advance(1000);
    expect(calls).toBe(3);
    expect(runner.userCount).toBe(0);
    await runner.stop();
  });

  test("corrected latency adds how late an iteration started: here the 200 ms onStart of a new user", async () => {
    const { Timed } = defineTimedUser(0, 200);
    const { clock, environment, runner, start } = setUp(Timed);
    await start({ rate: 1, maxUsers: 5 });
    await clock.advance(2500);
    const measured = environment.stats.get("/work", "GET");
    const corrected = environment.stats.corrected.find("/work", "GET")!;
    expect(measured.numRequests).toBe(3);
    expect(measured.maxResponseTime).toBe(1);
    expect(corrected.count).toBe(3);
    expect(corrected.maxResponseTime).toBe(201); // due at 0, started after onStart at 200
    expect(corrected.getResponseTimePercentile(0.5)).toBe(1);
    await runner.stop();
  });

  test("one model at a time: starting a user ramp ends the iterations, and an arrival rate ends the ramp's users", async () => {
    const { Timed, log } = defineTimedUser(50);
    const { clock, environment, runner, start } = setUp(Timed);
    await start({ rate: 20, maxUsers: 5 });
    await clock.advance(500);
    expect(runner.arrival.pool.size).toBeGreaterThan(0);
    void runner.start(2, 100);
    await clock.advance(100);
    expect(runner.arrival.running).toBe(false);
    expect(runner.arrival.pool.size).toBe(0);
    expect(runner.spawner.userCount).toBe(2);
    const started = environment.stats.iterations.started;
    await start({ rate: 20, maxUsers: 5 });
    await clock.advance(500);
    expect(runner.spawner.userCount).toBe(0);
    expect(environment.stats.iterations.started).toBeGreaterThan(started);
    await runner.stop();
    expect(log.starts).toBe(log.stops);
  });
});
