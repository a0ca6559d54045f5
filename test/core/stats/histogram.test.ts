import { describe, expect, test } from "bun:test";
import {
  BUCKET_COUNT,
  HISTOGRAM_SCHEME,
  Histogram,
  MAX_RELATIVE_ERROR,
  bucketIndex,
  bucketLowerBound,
} from "../../../src/core/stats/histogram.ts";

/** Small seeded PRNG (mulberry32) so failures are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const distributions: [string, (r: () => number) => number][] = [
  ["uniform 1 µs – 1 s", (r) => 0.001 + r() * 1000],
  ["log-uniform 1 µs – 1 h", (r) => 10 ** (-3 + r() * 9.56)],
  ["exponential mean 50 ms", (r) => -50 * Math.log(1 - r())],
  ["log-normal around 20 ms", (r) => Math.exp(3 + 0.8 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()))],
  ["pareto tail from 5 ms", (r) => 5 / Math.pow(1 - r(), 1 / 1.5)],
  ["integers 0..5000", (r) => Math.floor(r() * 5001)],
];
const ranks = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.66, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1];

describe("bucket scheme", () => {
  test("every integer from 0 to 255 ms is the exact lower bound of its own bucket", () => {
    const indices = new Set<number>();
    for (let ms = 0; ms <= 255; ms++) {
      expect(bucketLowerBound(bucketIndex(ms))).toBe(ms);
      indices.add(bucketIndex(ms));
    }
    expect(indices.size).toBe(256);
  });

  test("a bucket's lower bound is at most 1/128 below any value in it", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 100_000; i++) {
      const ms = 10 ** (-3 + random() * 12);
      const lower = bucketLowerBound(bucketIndex(ms));
      expect(lower).toBeLessThanOrEqual(ms);
      expect((ms - lower) / ms).toBeLessThan(MAX_RELATIVE_ERROR);
    }
    expect(MAX_RELATIVE_ERROR).toBeLessThanOrEqual(0.01);
  });

  test.each([
    ["zero", 0],
    ["negative", -5],
    ["NaN", Number.NaN],
    ["below 1 µs", 0.0005],
  ])("a %s sample lands in the bottom bucket, reported as 0", (_, ms) => {
    expect(bucketIndex(ms)).toBe(0);
    expect(bucketLowerBound(0)).toBe(0);
  });

  test("samples beyond ~50 days share the top bucket instead of growing the array", () => {
    expect(bucketIndex(2 ** 40)).toBe(BUCKET_COUNT - 1);
    expect(bucketIndex(Number.POSITIVE_INFINITY)).toBe(BUCKET_COUNT - 1);
  });
});

describe("percentiles", () => {
  test.each(distributions)("%s: every percentile of 100,000 samples is within 1/128 below the exact sample", (_, draw) => {
    const random = seededRandom(42);
    const histogram = new Histogram();
    const samples = Array.from({ length: 100_000 }, () => draw(random));
    for (const ms of samples) histogram.record(ms);
    samples.sort((a, b) => a - b);
    for (const p of ranks) {
      const exact = samples[Math.min(Math.trunc(samples.length * p), samples.length - 1)]!;
      const reported = histogram.percentile(p);
      expect(reported).toBeLessThanOrEqual(exact);
      expect(exact - reported).toBeLessThanOrEqual(Math.max(exact * MAX_RELATIVE_ERROR, 2 ** -10));
    }
  });

  test("samples 0..99 give Locust's p50 50, p60 60, p95 95", () => {
    const histogram = new Histogram();
    for (let ms = 0; ms < 100; ms++) histogram.record(ms);
    expect([0.5, 0.6, 0.95].map((p) => histogram.percentile(p))).toEqual([50, 60, 95]);
  });

  test("valueAtRank walks ranks in ascending order", () => {
    const histogram = new Histogram();
    for (const ms of [30, 10, 20, 20]) histogram.record(ms);
    expect([0, 1, 2, 3].map((rank) => histogram.valueAtRank(rank))).toEqual([10, 20, 20, 30]);
  });

  test("an empty histogram reports 0", () => {
    expect(new Histogram().percentile(0.5)).toBe(0);
    expect(new Histogram().valueAtRank(0)).toBe(0);
  });

  test("percentileSince sees only the samples recorded after the base copy", () => {
    const histogram = new Histogram();
    for (let ms = 200; ms < 256; ms++) histogram.recordMany(ms, 3);
    const base = new Histogram();
    base.copyFrom(histogram);
    for (let ms = 0; ms < 100; ms++) histogram.record(ms);
    expect(histogram.percentileSince(base, 0.95)).toBe(95);
    expect(histogram.percentileSince(base, 1)).toBe(99);
    expect(histogram.percentile(0.95)).toBeGreaterThan(200);
  });
});

describe("merge and encoding", () => {
  test("merging two histograms equals recording all their samples into one", () => {
    const random = seededRandom(3);
    const a = new Histogram();
    const b = new Histogram();
    const all = new Histogram();
    for (let i = 0; i < 20_000; i++) {
      const ms = 10 ** (-2 + random() * 7);
      (i % 3 === 0 ? a : b).record(ms);
      all.record(ms);
    }
    a.merge(b);
    expect(a.count).toBe(all.count);
    expect(a.encode()).toEqual(all.encode());
  });

  test("encode then decode gives back the same buckets", () => {
    const histogram = new Histogram();
    for (const ms of [0, 0.004, 1.1, 1.99, 3.1, 6034, 58_760, 3_600_000]) histogram.recordMany(ms, 2);
    const encoded = histogram.encode();
    expect(encoded.scheme).toBe(HISTOGRAM_SCHEME);
    expect(encoded.pairs.length).toBe(16);
    const decoded = Histogram.decode(JSON.parse(JSON.stringify(encoded)));
    expect(decoded.count).toBe(16);
    expect(decoded.encode()).toEqual(encoded);
  });

  test.each([
    ["a foreign scheme", { scheme: "hdr", pairs: [] }],
    ["a negative count", { scheme: HISTOGRAM_SCHEME, pairs: [5, -1] }],
    ["an index out of range", { scheme: HISTOGRAM_SCHEME, pairs: [BUCKET_COUNT, 1] }],
    ["a fractional index", { scheme: HISTOGRAM_SCHEME, pairs: [1.5, 1] }],
  ])("decoding %s throws", (_, encoded) => {
    expect(() => Histogram.decode(encoded)).toThrow();
  });
});

describe("memory", () => {
  test("memory depends on the value range, not on the number of samples", () => {
    const histogram = new Histogram();
    for (let i = 0; i < 1000; i++) histogram.record(1 + (i % 999));
    const afterThousand = histogram.byteLength;
    for (let i = 0; i < 1_000_000; i++) histogram.record(1 + (i % 999));
    expect(histogram.byteLength).toBe(afterThousand);
    expect(afterThousand).toBeLessThanOrEqual(11 * 1024);
  });

  test("even the widest range stays under 44 KB", () => {
    const histogram = new Histogram();
    histogram.record(0);
    histogram.record(Number.MAX_VALUE);
    for (let i = 0; i < 200; i++) histogram.record(1); // busy enough to leave the compact form
    expect(histogram.byteLength).toBe(BUCKET_COUNT * 8);
    expect(histogram.byteLength).toBeLessThan(44 * 1024);
  });

  test("reset empties the counts and keeps the allocated range", () => {
    const histogram = new Histogram();
    histogram.record(5);
    const bytes = histogram.byteLength;
    histogram.reset();
    expect(histogram.count).toBe(0);
    expect(histogram.encode().pairs).toEqual([]);
    expect(histogram.byteLength).toBe(bytes);
  });
});

describe("compact form (few samples)", () => {
  /** The value any representation must give for rank `r`: the bucket bound of the r-th smallest sample. */
  const expectedAtRank = (samples: number[], r: number) =>
    bucketLowerBound(bucketIndex([...samples].sort((a, b) => a - b)[r]!));
  const spread = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 7919 + seed * 104_729) % 5000) / 7 + 0.3);

  test("a name seen a few times costs at most 256 B of counts, however wide its values", () => {
    const histogram = new Histogram();
    for (const ms of [0.5, 3, 40, 700, 9000, 120_000]) histogram.record(ms);
    expect(histogram.byteLength).toBeLessThanOrEqual(256);
  });

  test.each([1, 5, 16, 64, 65, 127, 128, 129, 300])("with %p samples every rank, encoding and merge agree with the samples", (n) => {
    const samples = spread(n, n);
    const histogram = new Histogram();
    for (const ms of samples) histogram.record(ms);
    for (let r = 0; r < n; r++) expect(histogram.valueAtRank(r)).toBe(expectedAtRank(samples, r));
    const merged = new Histogram();
    merged.record(samples[0]!);
    merged.merge(histogram);
    expect(merged.count).toBe(n + 1);
    for (let r = 0; r <= n; r++) expect(merged.valueAtRank(r)).toBe(expectedAtRank([samples[0]!, ...samples], r));
    expect(Histogram.decode(histogram.encode()).encode()).toEqual(histogram.encode());
  });

  test("turns dense at the 65th distinct bucket or the 129th sample, and not before", () => {
    const wide = new Histogram();
    for (let i = 0; i < 64; i++) wide.record(2 ** (i / 4 - 5));
    expect(wide.byteLength).toBe(64 * 16 + 8); // the pairs and their count
    wide.record(2 ** 12);
    expect(wide.byteLength).toBe(18 * 1024);
    const busy = new Histogram();
    for (let i = 0; i < 128; i++) busy.record(3);
    expect(busy.byteLength).toBeLessThanOrEqual(256);
    busy.record(3);
    expect(busy.byteLength).toBe(1024);
  });

  test("window percentiles agree across forms: a compact snapshot of a histogram that has since turned dense", () => {
    const before = spread(5, 1);
    const after = spread(200, 2);
    const histogram = new Histogram();
    for (const ms of before) histogram.record(ms);
    const snapshot = new Histogram();
    snapshot.copyFrom(histogram);
    for (const ms of after) histogram.record(ms);
    for (const p of [0, 0.5, 0.95, 0.999]) {
      expect(histogram.percentileSince(snapshot, p)).toBe(expectedAtRank(after, Math.min(Math.trunc(200 * p), 199)));
    }
    snapshot.copyFrom(histogram); // dense into the compact one, and back
    expect(snapshot.encode()).toEqual(histogram.encode());
    const small = new Histogram();
    small.record(7);
    snapshot.copyFrom(small);
    expect([snapshot.count, snapshot.valueAtRank(0), snapshot.byteLength <= 256]).toEqual([1, 7, true]);
  });
});
