import { describe, expect, test } from "bun:test";
import { RpsWindow } from "../../../src/core/stats/rps-window.ts";

const T0 = 1_700_000_000;

describe("RpsWindow", () => {
  test("the window spans int(L) − 12 .. int(L) − 3 and averages over its seconds", () => {
    const window = new RpsWindow();
    for (let second = T0; second < T0 + 20; second++) window.addRequests(second, second - T0);
    // L = T0 + 19.7 → seconds T0+7 .. T0+16 → counts 7..16 → mean 11.5
    expect(window.currentRequestRate({ startTime: T0, lastRequestTimestamp: T0 + 19.7 })).toBe(11.5);
  });

  test("the window never starts before the span's start second", () => {
    const window = new RpsWindow();
    window.addRequests(T0 + 5, 10);
    expect(window.currentRequestRate({ startTime: T0 + 5.9, lastRequestTimestamp: T0 + 8 })).toBe(10);
    expect(window.currentRequestRate({ startTime: T0, lastRequestTimestamp: T0 + 8 })).toBe(10 / 6);
  });

  test.each([
    ["no request yet", null],
    ["a window with no complete second", T0 + 2],
  ])("%s gives 0", (_, last) => {
    const window = new RpsWindow();
    window.addRequests(T0, 4);
    expect(window.currentRequestRate({ startTime: T0, lastRequestTimestamp: last })).toBe(0);
  });

  test("seconds older than the ring are forgotten, newer ones replace them", () => {
    const window = new RpsWindow();
    window.addRequests(T0, 3);
    window.addRequests(T0 + 16, 5);
    expect(window.requestsAt(T0)).toBe(0);
    expect(window.requestsAt(T0 + 16)).toBe(5);
    window.addRequests(T0, 7);
    expect(window.requestsAt(T0 + 16)).toBe(5);
  });

  test("merge and encode keep requests and failures per second", () => {
    const a = new RpsWindow();
    const b = new RpsWindow();
    a.addRequests(T0, 2);
    a.addFailures(T0, 1);
    b.addRequests(T0, 3);
    b.addRequests(T0 + 1, 4);
    b.addFailures(T0 + 1, 2);
    a.merge(b);
    expect(a.encode()).toEqual([T0, 5, 1, T0 + 1, 4, 2]);
    const decoded = new RpsWindow();
    decoded.mergeEncoded(a.encode());
    expect(decoded.encode()).toEqual(a.encode());
    expect(() => decoded.mergeEncoded([-1, 1, 1])).toThrow();
  });
});
