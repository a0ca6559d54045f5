import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { StopTest } from "../../../src/core/errors.ts";
import { configureLogging, hasUnhandledError, resetLogState } from "../../../src/core/log.ts";
import { LoadTestShape, type ShapeTick } from "../../../src/core/shape/load-test-shape.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { User } from "../../../src/core/user/user.ts";
import { FakeClock } from "../../support/fake-clock.ts";

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  resetLogState();
  configureLogging({ write: (line) => void logged.push(line.trimEnd()) });
});
afterEach(() => {
  resetLogState();
  configureLogging({ write: (line) => process.stderr.write(line) });
});

class Visitor extends User {
  waitTime = () => 1;
  @task t() {}
}

/** A shape that runs 2 users for its first two ticks, then does `after()`. */
function shapeThen(after: () => unknown) {
  return class Breaking extends LoadTestShape {
    #ticks = 0;
    override tick(): ShapeTick | null {
      return ++this.#ticks <= 2 ? [2, 100] : (after() as ShapeTick);
    }
  };
}

async function driveShape(Shape: new (clock: FakeClock) => LoadTestShape) {
  const clock = new FakeClock();
  const env = new Environment({ userClasses: [Visitor], clock, shape: new Shape(clock) });
  env.attachStats();
  const runner = env.createLocalRunner();
  const stops: unknown[] = [];
  let ended = false;
  runner.onStopTest = (err) => void stops.push(err);
  runner.startShape(() => (ended = true));
  await clock.advance(10);
  expect(runner.userCount).toBe(2);
  for (let i = 0; i < 5; i++) await clock.advance(1000);
  return { runner, stops, ended, errors: logged.filter((line) => line.includes("/ERROR/")).map((line) => line.replace(/^.*?: /, "")) };
}

describe("a LoadTestShape whose tick fails stops the run in order instead of running on without it", () => {
  test("a tick that throws: one line naming the shape and the place, an unhandled error (exit code 2)", async () => {
    const { runner, stops, ended, errors } = await driveShape(
      shapeThen(() => {
        throw new RangeError("stage table ran out");
      }),
    );
    expect(stops).toHaveLength(1);
    expect(ended).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Breaking\.tick\(\) failed: RangeError: stage table ran out \(at .*shape-driver\.test\.ts:\d+:\d+\)\. Stopping Locust\.\.\.$/);
    expect(hasUnhandledError()).toBe(true);
    await runner.quit();
  });

  test.each([
    ["a string", () => "lots", "expected [userCount, spawnRate], [userCount, spawnRate, userClasses] or null, got string"],
    ["a negative user count", () => [-3, 1], "user count -3 is not a whole number of 0 or more"],
    ["a zero spawn rate", () => [3, 0], "spawn rate 0 is not a number above 0"],
  ])("a tick returning %s: one line saying what is wrong, exit code 2", async (_, garbage, detail) => {
    const { runner, stops, errors } = await driveShape(shapeThen(garbage));
    expect(stops).toHaveLength(1);
    expect(errors).toEqual([
      `LoadTestShape.tick() returned an invalid value: ${detail}. (Return [userCount, spawnRate], [userCount, spawnRate, userClasses], or null to stop.) Stopping Locust...`,
    ]);
    expect(hasUnhandledError()).toBe(true);
    expect(runner.setupFailed).toBe(false);
    await runner.quit();
  });

  test("a StopTest from tick stops the run with Locust's message and no unhandled error", async () => {
    const { runner, stops, errors } = await driveShape(
      shapeThen(() => {
        throw new StopTest("enough");
      }),
    );
    expect(stops).toHaveLength(1);
    expect(errors).toEqual(["enough"]);
    expect(logged.some((line) => line.endsWith("/WARNING/locust.runners: Stopping Locust..."))).toBe(true);
    expect(hasUnhandledError()).toBe(false);
    await runner.quit();
  });
});
