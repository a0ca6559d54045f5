import { describe, expect, test } from "bun:test";
import {
  COMPACT_BUCKETS,
  addCompact,
  clearCompact,
  compactCountAt,
  compactPairCount,
  copyCompact,
  type CompactBuckets,
} from "../../../src/core/stats/compact-buckets.ts";

/** The pairs held, as [index, count] tuples. */
function pairsOf(buckets: CompactBuckets | null): number[][] {
  return Array.from({ length: compactPairCount(buckets) }, (_, i) => [buckets![1 + i * 2]!, buckets![2 + i * 2]!]);
}

describe("compact buckets", () => {
  test("pairs stay sorted by index and repeated indices add up", () => {
    let buckets: CompactBuckets | null = null;
    for (const [index, count] of [[50, 1], [7, 2], [900, 1], [50, 3], [8, 1], [7, 1]] as const) {
      buckets = addCompact(buckets, index, count);
    }
    expect(pairsOf(buckets)).toEqual([[7, 3], [8, 1], [50, 4], [900, 1]]);
    expect([compactCountAt(buckets, 50), compactCountAt(buckets, 51), compactCountAt(null, 50)]).toEqual([4, 0, 0]);
  });

  test("the buffer grows by doubling and refuses a new index once it holds the maximum", () => {
    let buckets: CompactBuckets | null = null;
    const sizes = new Set<number>();
    for (let i = 0; i < COMPACT_BUCKETS; i++) {
      buckets = addCompact(buckets, i * 3, 1)!;
      sizes.add(buckets.length);
    }
    expect([...sizes]).toEqual([9, 17, 33, 65, 129]);
    expect(addCompact(buckets, 1, 1)).toBeNull();
    expect(addCompact(buckets, 3, 5)).toBe(buckets);
    expect(compactCountAt(buckets, 3)).toBe(6);
  });

  test("a copy reuses a large enough buffer; clearing keeps the buffer", () => {
    const small = addCompact(null, 5, 2)!;
    let big: CompactBuckets | null = null;
    for (let i = 0; i < 10; i++) big = addCompact(big, i, 1);
    expect(copyCompact(big, small)).toBe(big);
    expect(pairsOf(big)).toEqual([[5, 2]]);
    const fresh = copyCompact(null, small)!;
    expect(fresh).not.toBe(small);
    expect(pairsOf(fresh)).toEqual([[5, 2]]);
    expect(copyCompact(fresh, null)).toBe(fresh);
    expect(pairsOf(clearCompact(big!))).toEqual([]);
  });
});
