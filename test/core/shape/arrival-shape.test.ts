import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { parseArrivalTick } from "../../../src/core/shape/arrival-tick.ts";
import { LoadTestShape, type ShapeTick } from "../../../src/core/shape/load-test-shape.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { User } from "../../../src/core/user/user.ts";
import { FakeClock } from "../../support/fake-clock.ts";

class Quick extends User {
  @task work() {}
}

/** k6's ramping-arrival-rate: 10/s, then 20/s, 30/s, 40/s, one step per second; then stop. */
class Ramp extends LoadTestShape {
  override tick(): ShapeTick | null {
    const second = Math.floor(this.getRunTime());
    return second < 4 ? { arrivalRate: 10 * (second + 1), maxUsers: 5 } : null;
  }
}

describe("a LoadTestShape whose tick returns an arrival rate", () => {
  test("ramps the rate tick by tick: each second runs what its rate owes, and null ends the run", async () => {
    const clock = new FakeClock();
    const environment = new Environment({ userClasses: [Quick], clock, shape: new Ramp(clock) });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    let ended = false;
    runner.startShape(() => (ended = true));
    await clock.advance(0); // lets the first tick's iterations begin before the clock moves
    const perSecond: number[] = [];
    let before = 0;
    for (let second = 0; second < 4; second++) {
      await clock.advance(1000);
      perSecond.push(environment.stats.iterations.started - before);
      before = environment.stats.iterations.started;
    }
    await clock.advance(1000);
    // The first span counts both its ends (t = 0 and t = 1 s, due at the old rate); later ones their rate exactly.
    expect(perSecond).toEqual([11, 20, 30, 40]);
    expect(ended).toBe(true);
    expect(runner.userCount).toBeLessThanOrEqual(5);
    await runner.stop();
  });

  test("rejects a bad arrival tick with one line naming the field", () => {
    expect(() => parseArrivalTick({ arrivalRate: -1 })).toThrow("arrivalRate -1 is not a number of 0 or more");
    expect(() => parseArrivalTick({ arrivalRate: 5, maxUsers: 2.5 })).toThrow("maxUsers 2.5 is not a whole number of 0 or more");
    expect(parseArrivalTick({ arrivalRate: 5 })).toEqual({ arrivalRate: 5, maxUsers: undefined, preAllocatedUsers: undefined, userClasses: null });
  });
});
