import { describe, expect, test } from "bun:test";
import type { Clock } from "../../../src/core/clock.ts";
import { LocustError } from "../../../src/core/errors.ts";
import {
  LoadTestShape,
  isAbstractShapeClass,
  isLoadTestShapeClass,
  parseShapeTick,
  type ShapeTick,
} from "../../../src/core/shape/load-test-shape.ts";

/** A clock whose monotonic time only moves when the test says so. */
function manualClock(startMs = 5_000): Clock & { advance(ms: number): void } {
  let nowMs = startMs;
  return {
    now: () => nowMs / 1000,
    monotonic: () => nowMs,
    sleep: async () => {},
    advance(ms) {
      nowMs += ms;
    },
  };
}

class StagesShape extends LoadTestShape {
  stages = [
    { until: 60, users: 10, spawnRate: 10 },
    { until: 180, users: 50, spawnRate: 5 },
  ];

  override tick(): ShapeTick | null {
    const runTime = this.getRunTime();
    const stage = this.stages.find((s) => runTime < s.until);
    return stage ? [stage.users, stage.spawnRate] : null;
  }
}

class SharedBase extends LoadTestShape {
  static override abstract = true;
  override tick(): ShapeTick | null {
    return null;
  }
}

class Concrete extends SharedBase {}

class User1 {}

describe("LoadTestShape", () => {
  test("reports run time in seconds from the injected clock and restarts it on resetTime", () => {
    const clock = manualClock();
    const shape = new StagesShape(clock);
    expect(shape.getRunTime()).toBe(0);
    clock.advance(1_500);
    expect(shape.getRunTime()).toBe(1.5);
    shape.resetTime();
    clock.advance(250);
    expect(shape.getRunTime()).toBe(0.25);
  });

  test("a staged shape moves through its stages and then ends the test", () => {
    const clock = manualClock();
    const shape = new StagesShape(clock);
    const ticks = [0, 59_999, 1, 119_999, 1].map((ms) => {
      clock.advance(ms);
      return shape.tick();
    });
    expect(ticks).toEqual([[10, 10], [10, 10], [50, 5], [50, 5], null]);
  });

  test("reads the current user count from the runner, 0 before one is attached", () => {
    const shape = new StagesShape(manualClock());
    expect(shape.getCurrentUserCount()).toBe(0);
    shape.runner = { userCount: 42 };
    expect(shape.getCurrentUserCount()).toBe(42);
  });

  test("uses the real clock by default and hides common options unless a subclass opts in", () => {
    class WithOptions extends StagesShape {
      override useCommonOptions = true;
    }
    const shape = new StagesShape();
    expect(shape.getRunTime()).toBeGreaterThanOrEqual(0);
    expect(shape.useCommonOptions).toBe(false);
    expect(new WithOptions().useCommonOptions).toBe(true);
  });

  test.each([
    ["the base class", true, LoadTestShape],
    ["a plain subclass", false, StagesShape],
    ["a subclass that marks itself abstract", true, SharedBase],
    ["a subclass of an abstract subclass", false, Concrete],
  ])("%s is abstract: %p", (_label, expected, shapeClass) => {
    expect(isAbstractShapeClass(shapeClass)).toBe(expected);
  });

  test.each([
    ["LoadTestShape itself", true, LoadTestShape],
    ["a subclass two levels down", true, Concrete],
    ["an unrelated class", false, User1],
    ["a plain object", false, {}],
    ["an arrow function", false, () => null],
  ])("%s is a shape class: %p", (_label, expected, value) => {
    expect(isLoadTestShapeClass(value)).toBe(expected);
  });
});

describe("parseShapeTick", () => {
  test.each([
    ["a pair", [10, 2], { userCount: 10, spawnRate: 2, userClasses: null }],
    ["a triple with null classes", [10, 0.5, null], { userCount: 10, spawnRate: 0.5, userClasses: null }],
    ["a triple with classes", [3, 1, [User1]], { userCount: 3, spawnRate: 1, userClasses: [User1] }],
    ["an object without classes", { userCount: 0, spawnRate: 4 }, { userCount: 0, spawnRate: 4, userClasses: null }],
    ["an object with classes", { userCount: 5, spawnRate: 4, userClasses: [User1] }, { userCount: 5, spawnRate: 4, userClasses: [User1] }],
    ["null (end of test)", null, null],
    ["undefined (end of test)", undefined, null],
  ])("normalises %s", (_label, tick, expected) => {
    expect(parseShapeTick(tick)).toEqual(expected);
  });

  test.each([
    ["expected 2 or 3 elements, got 1", [10]],
    ["user count 1.5 is not a whole number of 0 or more", [1.5, 1]],
    ["user count -1 is not a whole number of 0 or more", [-1, 1]],
    ['user count "10" is not a whole number of 0 or more', ["10", 1]],
    ["spawn rate 0 is not a number above 0", [10, 0]],
    ["spawn rate undefined is not a number above 0", { userCount: 10 }],
    ["user classes must be a list of User classes or null", [10, 1, ["User1"]]],
    ["got number", 42],
  ])("rejects a tick where %s", (detail, tick) => {
    expect(() => parseShapeTick(tick)).toThrow(LocustError);
    expect(() => parseShapeTick(tick)).toThrow(detail);
  });
});
