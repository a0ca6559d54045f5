import { describe, expect, test } from "bun:test";
import { Histogram } from "../../../src/core/stats/histogram.ts";
import { ResponseTimeCache } from "../../../src/core/stats/response-time-cache.ts";

const T0 = 1_700_000_000;

function histogramOf(count: number): Histogram {
  const histogram = new Histogram();
  histogram.recordMany(10, count);
  return histogram;
}

describe("ResponseTimeCache", () => {
  test("prefers the snapshot 10 s back, then 11, 9, 12, 8 … out to 18 and 2", () => {
    const cache = new ResponseTimeCache();
    for (const age of [2, 18, 8, 12]) cache.store(T0 - age, histogramOf(age));
    expect(cache.find(T0 + 0.9)?.count).toBe(12);
    cache.store(T0 - 9, histogramOf(9));
    expect(cache.find(T0)?.count).toBe(9);
  });

  test("snapshots outside 2..18 s back are not used", () => {
    const cache = new ResponseTimeCache();
    cache.store(T0 - 1, histogramOf(1));
    cache.store(T0 - 19, histogramOf(19));
    expect(cache.find(T0)).toBeNull();
  });

  test("a snapshot is a copy: later records do not change it", () => {
    const cache = new ResponseTimeCache();
    const histogram = histogramOf(3);
    cache.store(T0 - 10, histogram);
    histogram.record(10);
    expect(cache.find(T0)?.count).toBe(3);
  });

  test("a newer second overwrites the slot of the one 20 s before it, and clear forgets all", () => {
    const cache = new ResponseTimeCache();
    cache.store(T0 - 30, histogramOf(30));
    cache.store(T0 - 10, histogramOf(10));
    expect(cache.find(T0 - 20)).toBeNull();
    expect(cache.find(T0)?.count).toBe(10);
    cache.clear();
    expect(cache.find(T0)).toBeNull();
  });
});
