import { describe, expect, test } from "bun:test";
import { selectDispatchableClasses } from "../../../src/core/dispatch/select-dispatchable-classes.ts";
import { LocustError } from "../../../src/core/errors.ts";

describe("selectDispatchableClasses", () => {
  test("keeps weighted classes and zero-weight classes with a fixed count, in order", () => {
    const classes = [
      { name: "Zero", weight: 0, fixedCount: 0 },
      { name: "Weighted", weight: 2, fixedCount: 0 },
      { name: "FixedOnly", weight: 0, fixedCount: 3 },
    ];
    expect(selectDispatchableClasses(classes)).toEqual([classes[1], classes[2]]);
  });

  test("accepts class constructors with static weight and fixedCount", () => {
    class WebUser {
      static weight = 1;
      static fixedCount = 0;
    }
    class Idle {
      static weight = 0;
      static fixedCount = 0;
    }
    expect(selectDispatchableClasses([WebUser, Idle])).toEqual([WebUser]);
  });

  test("throws Locust's error when no class can be dispatched", () => {
    const attempt = () => selectDispatchableClasses([{ name: "Zero", weight: 0, fixedCount: 0 }]);
    expect(attempt).toThrow(new LocustError("There are no users with weight > 0."));
    expect(attempt).toThrow(LocustError);
  });
});
