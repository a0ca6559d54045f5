import { describe, expect, test } from "bun:test";
import { UsersDispatcher } from "../../../src/core/dispatch/dispatcher.ts";

/** Fixed classes are named F1, F2…, weighted ones W1, W2…, so name order puts fixed ones first as in the reference. */
function classesOf(fixedCounts: number[], weights: number[]) {
  return [
    ...fixedCounts.map((fixedCount, i) => ({ name: `F${i + 1}`, weight: 1, fixedCount })),
    ...weights.map((weight, i) => ({ name: `W${i + 1}`, weight, fixedCount: 0 })),
  ];
}

function countsAfter(dispatcher: UsersDispatcher, target: number, rate: number): number[] {
  dispatcher.newDispatch(target, rate);
  [...dispatcher];
  return Object.values(dispatcher.dispatchedCounts);
}

describe("UsersDispatcher fixedCount", () => {
  test.each([
    [[1], [1, 1], 3, [1, 1, 1]],
    [[1], [1, 1], 9, [1, 4, 4]],
    [[8], [1, 1], 10, [8, 1, 1]],
    [[2], [1, 1], 1000, [2, 499, 499]],
    [[100], [1, 1], 1000, [100, 450, 450]],
    [[960], [1, 1], 1000, [960, 20, 20]],
    [[9990], [1, 1], 10000, [9990, 5, 5]],
    [[100], [1, 1], 100, [100, 0, 0]],
    [[5, 2], [1, 1, 1], 10, [5, 2, 1, 1, 1]],
    [[9, 1], [5, 3, 2], 20, [9, 1, 5, 3, 2]],
    [[500], [2, 1, 1, 1], 1000, [500, 200, 100, 100, 100]],
    [[250, 250], [3, 1, 1], 1000, [250, 250, 300, 100, 100]],
    [[1, 1, 1, 1], [100], 1000, [1, 1, 1, 1, 996]],
    [[13, 26, 39, 52, 1], [], 131, [13, 26, 39, 52, 1]],
  ])("fixed %o + weights %o at target %i end at %o", (fixedCounts, weights, target, expected) => {
    for (const rate of [1, 7, target]) {
      expect(countsAfter(new UsersDispatcher(classesOf(fixedCounts, weights)), target, rate)).toEqual(expected);
    }
  });

  test("spreads fixed counts over workers like any other users", () => {
    const dispatcher = new UsersDispatcher(classesOf([3], [1]), ["a", "b"]);
    dispatcher.newDispatch(5, 5);
    expect([...dispatcher]).toEqual([
      { state: { a: { F1: 2, W1: 1 }, b: { F1: 1, W1: 1 } }, delayMs: 0 },
    ]);
  });

  test("two fixed classes share a partial target evenly and fill up later", () => {
    const dispatcher = new UsersDispatcher(classesOf([50, 50], []));
    expect(countsAfter(dispatcher, 30, 10)).toEqual([15, 15]);
    expect(countsAfter(dispatcher, 20, 10)).toEqual([10, 10]);
    expect(countsAfter(dispatcher, 100, 10)).toEqual([50, 50]);
  });

  test("restores missing fixed users first after a ramp-down", () => {
    const dispatcher = new UsersDispatcher([
      { name: "Fixed", weight: 1, fixedCount: 2 },
      { name: "W1", weight: 1, fixedCount: 0 },
      { name: "W3", weight: 3, fixedCount: 0 },
    ]);
    expect(countsAfter(dispatcher, 5, 1)).toEqual([2, 1, 2]);
    expect(countsAfter(dispatcher, 2, 1)).toEqual([2, 0, 0]);
    expect(countsAfter(dispatcher, 7, 1)).toEqual([2, 1, 4]);
    expect(countsAfter(dispatcher, 1, 10)).toEqual([1, 0, 0]);
    expect(countsAfter(dispatcher, 3, 10)).toEqual([2, 0, 1]);
  });

  test("stops the ramp early when only satisfied fixed classes remain", () => {
    const dispatcher = new UsersDispatcher(classesOf([10, 10, 10, 10, 10], []));
    dispatcher.newDispatch(100, 20);
    const steps = [...dispatcher];
    expect(steps.map((step) => [Object.values(step.state.local).reduce((a, b) => a + b), step.delayMs])).toEqual([
      [20, 1000],
      [40, 1000],
      [50, 0],
    ]);
    expect(dispatcher.dispatchedCounts).toEqual({ F1: 10, F2: 10, F3: 10, F4: 10, F5: 10 });
    expect(dispatcher.userCount).toBe(50);
    expect(dispatcher.next()).toBeNull();
  });

  test("yields the unchanged state once when the previous step already placed the last fixed user", () => {
    const dispatcher = new UsersDispatcher(classesOf([10, 10, 10, 10, 10], []));
    dispatcher.newDispatch(100, 50);
    expect([...dispatcher].map((step) => step.delayMs)).toEqual([1000, 0]);
    expect(dispatcher.userCount).toBe(50);
  });
});
