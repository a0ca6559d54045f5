import { describe, expect, test } from "bun:test";
import { UsersDispatcher, type DispatchState } from "../../../src/core/dispatch/dispatcher.ts";

const THREE_CLASSES = ["User1", "User2", "User3"].map((name) => ({ name, weight: 1, fixedCount: 0 }));
const ZERO = { User1: 0, User2: 0, User3: 0 };

function ramp(dispatcher: UsersDispatcher, target: number, rate = target): void {
  dispatcher.newDispatch(target, rate);
  [...dispatcher];
}

function totalOf(state: DispatchState): number {
  let sum = 0;
  for (const row of Object.values(state)) for (const count of Object.values(row)) sum += count;
  return sum;
}

describe("UsersDispatcher rebalancing", () => {
  test("a worker added after a ramp is rebalanced by the next cycle, without delay", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, ["1", "2"]);
    ramp(dispatcher, 6);
    expect(dispatcher.state).toEqual({ "1": { User1: 1, User2: 1, User3: 1 }, "2": { User1: 1, User2: 1, User3: 1 } });
    dispatcher.addWorker("3");
    expect(dispatcher.next()).toBeNull();
    dispatcher.newDispatch(6, 6);
    expect([...dispatcher]).toEqual([
      {
        state: { "1": { ...ZERO, User1: 2 }, "2": { ...ZERO, User2: 2 }, "3": { ...ZERO, User3: 2 } },
        delayMs: 0,
      },
    ]);
  });

  test("a worker added mid-ramp is rebalanced first and the ramp continues on all workers", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, ["1", "2"]);
    dispatcher.newDispatch(9, 3);
    expect(dispatcher.next()).toEqual({
      state: { "1": { ...ZERO, User1: 1, User3: 1 }, "2": { ...ZERO, User2: 1 } },
      delayMs: 1000,
    });
    dispatcher.addWorker("3");
    expect([...dispatcher]).toEqual([
      { state: { "1": { ...ZERO, User1: 1 }, "2": { ...ZERO, User2: 1 }, "3": { ...ZERO, User3: 1 } }, delayMs: 0 },
      { state: { "1": { ...ZERO, User1: 2 }, "2": { ...ZERO, User2: 2 }, "3": { ...ZERO, User3: 2 } }, delayMs: 1000 },
      { state: { "1": { ...ZERO, User1: 3 }, "2": { ...ZERO, User2: 3 }, "3": { ...ZERO, User3: 3 } }, delayMs: 0 },
    ]);
  });

  test("a removed worker's users move to the others, and ramp-down then follows the new placement", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, ["1", "2", "3"]);
    ramp(dispatcher, 9);
    dispatcher.removeWorker("2");
    dispatcher.newDispatch(9, 9);
    expect([...dispatcher]).toEqual([
      { state: { "1": { User1: 2, User2: 1, User3: 2 }, "3": { User1: 1, User2: 2, User3: 1 } }, delayMs: 0 },
    ]);
    ramp(dispatcher, 7, 10);
    expect(dispatcher.state).toEqual({ "1": { User1: 2, User2: 1, User3: 1 }, "3": { User1: 1, User2: 1, User3: 1 } });
  });

  test("keeps fixed counts when rebalancing", () => {
    const dispatcher = new UsersDispatcher(
      [
        { name: "Fixed", weight: 1, fixedCount: 1 },
        { name: "W1", weight: 1, fixedCount: 0 },
        { name: "W2", weight: 1, fixedCount: 0 },
      ],
      ["a"],
    );
    ramp(dispatcher, 5);
    dispatcher.addWorker("b");
    ramp(dispatcher, 5);
    // Fixed, W1, W2, W1, W2 dealt to a, b, a, b, a.
    expect(dispatcher.state).toEqual({ a: { Fixed: 1, W1: 0, W2: 2 }, b: { Fixed: 0, W1: 2, W2: 0 } });
  });

  test("removing the last worker leaves no users, and a new worker starts from zero", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, ["1"]);
    ramp(dispatcher, 3);
    dispatcher.removeWorker("1");
    expect(dispatcher.userCount).toBe(0);
    expect(dispatcher.state).toEqual({});
    dispatcher.addWorker("2");
    ramp(dispatcher, 3);
    expect(dispatcher.state).toEqual({ "2": { User1: 1, User2: 1, User3: 1 } });
  });

  test("ignores adding a known worker and removing an unknown one", () => {
    const dispatcher = new UsersDispatcher(THREE_CLASSES, ["1"]);
    ramp(dispatcher, 3);
    dispatcher.addWorker("1");
    dispatcher.removeWorker("nope");
    dispatcher.newDispatch(3, 3);
    expect([...dispatcher]).toEqual([{ state: { "1": { User1: 1, User2: 1, User3: 1 } }, delayMs: 0 }]);
  });
});

describe("UsersDispatcher at scale", () => {
  test("dispatches 100k users over 1000 workers, rebalances and ramps down", () => {
    const classes = [
      { name: "Browse", weight: 3, fixedCount: 0 },
      { name: "Buy", weight: 1, fixedCount: 0 },
      { name: "Admin", weight: 0, fixedCount: 10 },
    ];
    const workers = Array.from({ length: 1000 }, (_, i) => `host${i % 40}_worker${i}`);
    const dispatcher = new UsersDispatcher(classes, workers);
    dispatcher.newDispatch(100_000, 10_000);
    const steps = [...dispatcher];
    expect(steps).toHaveLength(10);
    const last = steps.at(-1)!.state;
    expect(Object.keys(last)).toHaveLength(1000);
    expect(totalOf(last)).toBe(100_000);
    // 99,990 weighted users of the 3:1 pattern "Browse Buy Browse Browse": 24,997 whole periods plus "Browse Buy".
    expect(dispatcher.dispatchedCounts).toEqual({ Admin: 10, Browse: 74_992, Buy: 24_998 });
    const perWorker = Object.values(last).map((row) => totalOf({ row }));
    expect(new Set(perWorker)).toEqual(new Set([100]));

    dispatcher.addWorker("host0_late");
    dispatcher.newDispatch(100_000, 10_000);
    const rebalanced = [...dispatcher];
    expect(rebalanced).toHaveLength(1);
    expect(totalOf(rebalanced[0].state)).toBe(100_000);
    expect(Object.keys(rebalanced[0].state)).toHaveLength(1001);

    ramp(dispatcher, 0, 100_000);
    expect(dispatcher.userCount).toBe(0);
  });
});
