import { describe, expect, test } from "bun:test";
import { StatsEntry } from "../../../src/core/stats/stats-entry.ts";

const T0 = 1_700_000_000;

function entryWith(samples: (number | null)[], options: { cache?: boolean; now?: number } = {}): StatsEntry {
  const entry = new StatsEntry("test_entry", "GET", T0, { useResponseTimesCache: options.cache ?? false });
  for (const ms of samples) entry.log(ms, 1, options.now ?? T0 + 0.5);
  return entry;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("percentiles and median (Locust's §10.1 vectors 2, 6, 7)", () => {
  test.each([
    ["0..99", range(0, 100), 49, [[0.5, 50], [0.6, 60], [0.95, 95]]],
    ["0..99 plus 100 None samples", [...range(0, 100), ...range(0, 100).map(() => null)], 49, [[0.5, 50], [0.6, 60], [0.95, 95]]],
    ["1..10", range(1, 11), 5, [[0.5, 6], [0.66, 7], [0.75, 8], [0.8, 9], [0.9, 10], [0.95, 10], [1, 10]]],
    ["100, 200, 300, 400", [100, 200, 300, 400], 200, [[0.5, 300], [0.66, 300], [0.75, 400], [1, 400]]],
  ] as [string, (number | null)[], number, [number, number][]][])(
    "samples %s give median %d and Locust's percentiles",
    (_, samples, median, expected) => {
      const entry = entryWith(samples);
      expect(entry.medianResponseTime).toBe(median);
      expect(expected.map(([p]) => entry.getResponseTimePercentile(p))).toEqual(expected.map(([, v]) => v));
    },
  );

  test.each([
    [6034, 6034],
    [6099, 6099],
  ])("a single sample %d gives median %d (clamped to min/max, not its bucket)", (ms, median) => {
    const entry = entryWith([ms]);
    expect(entry.medianResponseTime).toBe(median);
    entry.reset(T0 + 1);
    entry.log(ms + 1, 0, T0 + 1);
    expect(entry.medianResponseTime).toBe(ms + 1);
  });

  test("122, 992, 142, 552, 557, 387, 557, 977 give the exact lower-middle sample 552 (Locust's rounding gives 550)", () => {
    const samples = [122, 992, 142, 552, 557, 387, 557, 977];
    const entry = entryWith(samples);
    const sorted = [...samples].sort((a, b) => a - b);
    expect(entry.medianResponseTime).toBe(sorted[Math.floor((sorted.length - 1) / 2)]!);
    expect(entry.avgResponseTime).toBe(535.75);
    expect(entry.minResponseTime).toBe(122);
    expect(entry.maxResponseTime).toBe(992);
  });

  test("decimal samples 1.1, 1.99, 3.1 give a median within 1 % of 1.99, min 1.1 and max 3.1", () => {
    const entry = entryWith([1.1, 1.99, 3.1]);
    expect(Math.abs(entry.medianResponseTime - 1.99) / 1.99).toBeLessThan(0.01);
    expect(entry.minResponseTime).toBe(1.1);
    expect(entry.maxResponseTime).toBe(3.1);
  });

  test("percentiles stay within the raw min and max, and the top rank is the exact max", () => {
    const entry = entryWith([147, 3432, 58_760]);
    expect(entry.getResponseTimePercentile(1)).toBe(58_760);
    expect(entry.getResponseTimePercentile(0)).toBe(147);
  });
});

describe("counts, averages and ratios (vector 3)", () => {
  test("45, 135, 44, None, 375, 601, 35, 79, None with 3 errors", () => {
    const entry = entryWith([45, 135, 44, null, 375, 601, 35, 79, null]);
    for (let i = 0; i < 3; i++) entry.logError(T0 + 0.5);
    expect(entry.numRequests).toBe(9);
    expect(entry.numNoneRequests).toBe(2);
    expect(entry.numFailures).toBe(3);
    expect(entry.medianResponseTime).toBe(79);
    expect(entry.avgResponseTime).toBe(187.71428571428572);
    expect(entry.totalContentLength).toBe(9);
    expect(entry.avgContentLength).toBe(1);
    expect(entry.failRatio).toBe(3 / 9);
  });

  test("an entry with only a None sample has avg 0, median 0 and p50 0", () => {
    const entry = entryWith([null]);
    expect([entry.avgResponseTime, entry.medianResponseTime, entry.getResponseTimePercentile(0.5)]).toEqual([0, 0, 0]);
    expect(entry.minResponseTime).toBeNull();
  });

  test("fail ratio is 1 with failures but no requests, 0 with neither", () => {
    const entry = entryWith([]);
    expect(entry.failRatio).toBe(0);
    entry.logError(T0);
    expect(entry.failRatio).toBe(1);
  });
});

describe("rates (vectors 4 and 5)", () => {
  test.each([
    [4, 4.5, 1.5],
    [12, 0.9, 0.3],
    [25, 0, 0],
  ])("9 requests and 3 failures in the start second, last request at start + %d → %d req/s, %d fail/s", (offset, rps, fps) => {
    const span = { startTime: T0, lastRequestTimestamp: null as number | null };
    const entry = new StatsEntry("/", "GET", T0, { span });
    for (let i = 0; i < 9; i++) entry.log(10, 0, T0 + 0.2);
    for (let i = 0; i < 3; i++) entry.logError(T0 + 0.2);
    span.lastRequestTimestamp = T0 + offset;
    expect(entry.currentRps).toBeCloseTo(rps, 12);
    expect(entry.currentFailPerSec).toBeCloseTo(fps, 12);
  });

  test("whole-run rates divide by the span's last − start", () => {
    const span = { startTime: 1.0, lastRequestTimestamp: 6.0 };
    const entry = new StatsEntry("/a", "GET", 1.0, { span });
    for (let i = 0; i < 9; i++) entry.log(1, 0, 3);
    entry.logError(3);
    expect(entry.totalRps).toBe(1.8);
    expect(entry.totalFailPerSec).toBe(0.2);
    span.lastRequestTimestamp = 1.0;
    expect(entry.totalRps).toBe(0);
  });
});

describe("current (sliding-window) percentiles (vector 11)", () => {
  test("the window percentile counts only requests after the snapshot 10 s back", () => {
    const entry = new StatsEntry("/", "GET", T0, { useResponseTimesCache: true });
    for (let ms = 0; ms < 100; ms++) entry.log(ms, 0, T0 + 0.5);
    for (let i = 0; i < 200; i++) entry.log(1, 0, T0 + 0.6);
    // The first request of the next second snapshots the state at the end of second T0.
    for (let ms = 0; ms < 100; ms++) entry.log(ms, 0, T0 + 1.5);
    expect(entry.getCurrentResponseTimePercentile(0.95, T0 + 10.2)).toBe(95);
    expect(entry.getResponseTimePercentile(0.95)).not.toBe(95);
  });

  test("no snapshot within 2..18 s back gives null; the cache being off gives null", () => {
    const entry = entryWith([5, 6, 7], { cache: true });
    expect(entry.getCurrentResponseTimePercentile(0.5, T0 + 60)).toBeNull();
    expect(entryWith([5]).getCurrentResponseTimePercentile(0.5, T0 + 10)).toBeNull();
  });

  test("no timed request since the snapshot gives 0", () => {
    const entry = entryWith([5, 6, 7], { cache: true });
    entry.log(null, 0, T0 + 1.5);
    expect(entry.getCurrentResponseTimePercentile(0.5, T0 + 10.5)).toBe(0);
  });

  test("right after a reset the window starts at the reset's empty snapshot", () => {
    const entry = entryWith([5, 6, 7], { cache: true });
    expect(entry.getCurrentResponseTimePercentile(0.5, T0 + 10)).toBe(6);
  });
});

describe("extend and serialization (vector 8)", () => {
  test("extending two entries into an empty one sums counts and keeps the median", () => {
    const s1 = new StatsEntry("/", "GET", T0);
    for (const ms of [12, 12, 38]) s1.log(ms, 0, T0 + 1);
    s1.logError(T0 + 1);
    const s2 = new StatsEntry("/", "GET", T0 + 2);
    s2.logError(T0 + 3);
    s2.logError(T0 + 3);
    for (const ms of [12, 99, 14, 55, 38, 55, 97]) s2.log(ms, 0, T0 + 3);
    const merged = new StatsEntry("/", "GET", T0 + 5);
    merged.extend(s1);
    merged.extend(s2);
    expect([merged.numRequests, merged.numFailures, merged.medianResponseTime]).toEqual([10, 3, 38]);
    expect(merged.avgResponseTime).toBeCloseTo(43.2, 12);
    expect(merged.startTime).toBe(T0);
    expect(merged.lastRequestTimestamp).toBe(T0 + 3);
    merged.extend(new StatsEntry("/", "GET", T0 + 9));
    expect([merged.minResponseTime, merged.lastRequestTimestamp]).toEqual([12, T0 + 3]);
  });

  test("serialize → JSON → fromSerialized keeps every field and the distribution", () => {
    const entry = entryWith([10, 20, 40, null, 0.25, 7_000]);
    entry.logError(T0 + 0.5);
    const copy = StatsEntry.fromSerialized(JSON.parse(JSON.stringify(entry.serialize())));
    expect(copy.serialize()).toEqual(entry.serialize());
    expect(copy.medianResponseTime).toBe(entry.medianResponseTime);
    expect(copy.perSecond.requestsAt(T0)).toBe(6);
  });

  test("extendSerialized merges a serialized entry exactly as extend merges the entry, snapshot included", () => {
    const base = () => {
      const entry = new StatsEntry("/", "GET", T0 + 2, { useResponseTimesCache: true });
      for (const ms of [5, 300]) entry.log(ms, 10, T0 + 2);
      return entry;
    };
    const other = entryWith([10, 20, 40, null, 0.25, 7_000], { now: T0 + 4 });
    other.logError(T0 + 4);
    const [viaEntry, viaSerialized] = [base(), base()];
    viaEntry.extend(other);
    viaSerialized.extendSerialized(JSON.parse(JSON.stringify(other.serialize())));
    expect(viaSerialized.serialize()).toEqual(viaEntry.serialize());
    expect(viaSerialized.serialize().numRequests).toBe(8);
    // The merge moved the last request into a new second, so both snapshot there: 10 s later nothing is newer.
    const current = (entry: StatsEntry) => [entry.getCurrentResponseTimePercentile(0.5, T0 + 14), entry.getCurrentResponseTimePercentile(0.5, T0 + 12)];
    expect(current(viaSerialized)).toEqual([0, 20]);
    expect(current(viaEntry)).toEqual([0, 20]);
  });

  test("10, 20, 40 survive serialization with median 20 (§7.4)", () => {
    expect(StatsEntry.fromSerialized(entryWith([10, 20, 40]).serialize()).medianResponseTime).toBe(20);
  });

  test("reset zeroes counters and restarts the start time", () => {
    const entry = entryWith([10, 20]);
    entry.logError(T0);
    entry.reset(T0 + 30);
    expect(entry.serialize()).toEqual(new StatsEntry("test_entry", "GET", T0 + 30).serialize());
  });
});
