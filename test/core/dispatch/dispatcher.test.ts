import { describe, expect, test } from "bun:test";
import { UsersDispatcher, type DispatchState } from "../../../src/core/dispatch/dispatcher.ts";
import { LocustError } from "../../../src/core/errors.ts";

const THREE_CLASSES = ["User1", "User2", "User3"].map((name) => ({ name, weight: 1, fixedCount: 0 }));
const THREE_WORKERS = ["1", "2", "3"];

/** Three equal classes on workers "1".."3": the state after `k` users, written out rather than computed. */
const AFTER: Record<number, DispatchState> = {
  1: { "1": { User1: 1, User2: 0, User3: 0 }, "2": { User1: 0, User2: 0, User3: 0 }, "3": { User1: 0, User2: 0, User3: 0 } },
  2: { "1": { User1: 1, User2: 0, User3: 0 }, "2": { User1: 0, User2: 1, User3: 0 }, "3": { User1: 0, User2: 0, User3: 0 } },
  3: { "1": { User1: 1, User2: 0, User3: 0 }, "2": { User1: 0, User2: 1, User3: 0 }, "3": { User1: 0, User2: 0, User3: 1 } },
  4: { "1": { User1: 2, User2: 0, User3: 0 }, "2": { User1: 0, User2: 1, User3: 0 }, "3": { User1: 0, User2: 0, User3: 1 } },
  5: { "1": { User1: 2, User2: 0, User3: 0 }, "2": { User1: 0, User2: 2, User3: 0 }, "3": { User1: 0, User2: 0, User3: 1 } },
  6: { "1": { User1: 2, User2: 0, User3: 0 }, "2": { User1: 0, User2: 2, User3: 0 }, "3": { User1: 0, User2: 0, User3: 2 } },
  7: { "1": { User1: 3, User2: 0, User3: 0 }, "2": { User1: 0, User2: 2, User3: 0 }, "3": { User1: 0, User2: 0, User3: 2 } },
  8: { "1": { User1: 3, User2: 0, User3: 0 }, "2": { User1: 0, User2: 3, User3: 0 }, "3": { User1: 0, User2: 0, User3: 2 } },
  9: { "1": { User1: 3, User2: 0, User3: 0 }, "2": { User1: 0, User2: 3, User3: 0 }, "3": { User1: 0, User2: 0, User3: 3 } },
};

function rampedDispatcher(target: number): UsersDispatcher {
  const dispatcher = new UsersDispatcher(THREE_CLASSES, THREE_WORKERS);
  dispatcher.newDispatch(target, target);
  [...dispatcher];
  return dispatcher;
}

describe("UsersDispatcher ramp-up", () => {
  test.each([
    [0.5, [1, 2, 3, 4, 5, 6, 7, 8, 9], 2000],
    [1, [1, 2, 3, 4, 5, 6, 7, 8, 9], 1000],
    [2, [2, 4, 6, 8, 9], 1000],
    [2.4, [2, 4, 6, 8, 9], 833.33],
    [4, [4, 8, 9], 1000],
    [9, [9], 1000],
  ])("at spawn rate %d reaches user counts %o, waiting %d ms between steps", (rate, userCounts, waitMs) => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, THREE_WORKERS);
    dispatcher.newDispatch(9, rate);
    const expected = userCounts.map((count, index) => ({
      state: AFTER[count],
      delayMs: index === userCounts.length - 1 ? 0 : expect.closeTo(waitMs, 2),
    }));
    expect([...dispatcher]).toEqual(expected);
  });

  test("gives each of three workers a single class when classes and workers advance in lock-step", () => {
    expect(rampedDispatcher(9).state).toEqual({
      "1": { User1: 3, User2: 0, User3: 0 },
      "2": { User1: 0, User2: 3, User3: 0 },
      "3": { User1: 0, User2: 0, User3: 3 },
    });
  });

  test("interleaves four workers on two hosts", () => {
    const workers = ["hostname1_worker1", "hostname1_worker2", "hostname2_worker1", "hostname2_worker2"];
    const dispatcher = new UsersDispatcher(THREE_CLASSES, workers);
    dispatcher.newDispatch(6, 2);
    const zero = { User1: 0, User2: 0, User3: 0 };
    expect([...dispatcher]).toEqual([
      {
        state: {
          hostname1_worker1: { ...zero, User1: 1 },
          hostname2_worker1: { ...zero, User2: 1 },
          hostname1_worker2: zero,
          hostname2_worker2: zero,
        },
        delayMs: 1000,
      },
      {
        state: {
          hostname1_worker1: { ...zero, User1: 1 },
          hostname2_worker1: { ...zero, User2: 1 },
          hostname1_worker2: { ...zero, User3: 1 },
          hostname2_worker2: { ...zero, User1: 1 },
        },
        delayMs: 1000,
      },
      {
        state: {
          hostname1_worker1: { ...zero, User1: 1, User2: 1 },
          hostname2_worker1: { ...zero, User2: 1, User3: 1 },
          hostname1_worker2: { ...zero, User3: 1 },
          hostname2_worker2: { ...zero, User1: 1 },
        },
        delayMs: 0,
      },
    ]);
    expect(dispatcher.workerIds).toEqual(["hostname1_worker1", "hostname2_worker1", "hostname1_worker2", "hostname2_worker2"]);
  });

  test.each([
    [{ User1: 4, User2: 5 }, 9, { User1: 4, User2: 5 }],
    [{ User1: 0.8, User2: 1 }, 18, { User1: 8, User2: 10 }],
    [{ User1: 20, User2: 25 }, 45, { User1: 20, User2: 25 }],
    [{ A: 5, B: 1 }, 12, { A: 10, B: 2 }],
  ])("weights %o with target %i dispatch %o on one worker", (weights, target, expected) => {
    const classes = Object.entries(weights).map(([name, weight]) => ({ name, weight, fixedCount: 0 }));
    const dispatcher = new UsersDispatcher(classes);
    dispatcher.newDispatch(target, 1);
    const steps = [...dispatcher];
    expect(steps.at(-1)).toEqual({ state: { local: expected }, delayMs: 0 });
    expect(steps).toHaveLength(target);
    expect(dispatcher.dispatchedCounts).toEqual(expected);
  });
});

describe("UsersDispatcher ramp-down", () => {
  test("removes the most recently added users first, at the spawn rate", () => {
    const dispatcher = rampedDispatcher(9);
    dispatcher.newDispatch(4, 3);
    expect([...dispatcher]).toEqual([
      {
        state: {
          "1": { User1: 2, User2: 0, User3: 0 },
          "2": { User1: 0, User2: 2, User3: 0 },
          "3": { User1: 0, User2: 0, User3: 2 },
        },
        delayMs: 1000,
      },
      {
        state: {
          "1": { User1: 2, User2: 0, User3: 0 },
          "2": { User1: 0, User2: 1, User3: 0 },
          "3": { User1: 0, User2: 0, User3: 1 },
        },
        delayMs: 0,
      },
    ]);
    expect(dispatcher.userCount).toBe(4);
  });

  test("ramps down to zero", () => {
    const dispatcher = rampedDispatcher(9);
    dispatcher.newDispatch(0, 100);
    expect([...dispatcher].map((step) => step.state)).toEqual([
      { "1": { User1: 0, User2: 0, User3: 0 }, "2": { User1: 0, User2: 0, User3: 0 }, "3": { User1: 0, User2: 0, User3: 0 } },
    ]);
  });

  test("ramps back up after a ramp-down along the same sequence", () => {
    const dispatcher = rampedDispatcher(9);
    dispatcher.newDispatch(3, 9);
    [...dispatcher];
    expect(dispatcher.state).toEqual(AFTER[3]);
    dispatcher.newDispatch(6, 9);
    [...dispatcher];
    expect(dispatcher.dispatchedCounts).toEqual({ User1: 2, User2: 2, User3: 2 });
  });
});

describe("UsersDispatcher cycle boundaries", () => {
  test("yields one unchanged state when the target equals the current count", () => {
    const dispatcher = rampedDispatcher(9);
    dispatcher.newDispatch(9, 1);
    expect(dispatcher.dispatchInProgress).toBe(true);
    expect([...dispatcher]).toEqual([{ state: AFTER[9], delayMs: 0 }]);
    expect(dispatcher.dispatchInProgress).toBe(false);
  });

  test("returns null after the cycle ends and before any cycle starts", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, THREE_WORKERS);
    expect(dispatcher.next()).toBeNull();
    dispatcher.newDispatch(1, 1);
    expect(dispatcher.next()).toEqual({ state: AFTER[1], delayMs: 0 });
    expect(dispatcher.next()).toBeNull();
    expect(dispatcher.next()).toBeNull();
  });

  test("returns fresh copies that callers may modify", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, THREE_WORKERS);
    dispatcher.newDispatch(1, 1);
    const step = dispatcher.next()!;
    step.state["1"].User1 = 99;
    expect(dispatcher.state).toEqual(AFTER[1]);
  });

  test.each([
    [-1, 1, "INVALID_USER_COUNT"],
    [1.5, 1, "INVALID_USER_COUNT"],
    [1, 0, "INVALID_SPAWN_RATE"],
  ])("rejects target %d at rate %d with code %s", (target, rate, code) => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES);
    expect(() => dispatcher.newDispatch(target, rate)).toThrow(expect.objectContaining({ code }));
  });

  test("rejects duplicate class names", () => {
    const duplicate = () => new UsersDispatcher([THREE_CLASSES[0], THREE_CLASSES[0]]);
    expect(duplicate).toThrow(LocustError);
    expect(duplicate).toThrow('Duplicate user class name "User1".');
  });
});

describe("UsersDispatcher class restriction", () => {
  test("draws new users only from the named classes and keeps the restriction until changed", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES);
    const counts = (target: number, names?: string[]) => {
      dispatcher.newDispatch(target, 3, names);
      [...dispatcher];
      return dispatcher.dispatchedCounts;
    };
    expect(counts(3, ["User2"])).toEqual({ User1: 0, User2: 3, User3: 0 });
    expect(counts(6, ["User3", "User1"])).toEqual({ User1: 2, User2: 3, User3: 1 });
    expect(counts(8)).toEqual({ User1: 3, User2: 3, User3: 2 });
    expect(counts(4)).toEqual({ User1: 1, User2: 3, User3: 0 });
    expect(counts(10, [])).toEqual({ User1: 1, User2: 3, User3: 0 });
  });

  test("rejects a class the dispatcher does not know", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES);
    expect(() => dispatcher.newDispatch(1, 1, ["Nope"])).toThrow(expect.objectContaining({ code: "UNKNOWN_USER_CLASS" }));
  });

  test("spawns a fixed class that joins the restriction later", () => {
    const dispatcher = new UsersDispatcher([
      { name: "Fixed", weight: 1, fixedCount: 2 },
      { name: "Weighted", weight: 1, fixedCount: 0 },
    ]);
    dispatcher.newDispatch(3, 3, ["Weighted"]);
    [...dispatcher];
    dispatcher.newDispatch(5, 5, ["Fixed", "Weighted"]);
    [...dispatcher];
    expect(dispatcher.dispatchedCounts).toEqual({ Fixed: 2, Weighted: 3 });
  });
});
