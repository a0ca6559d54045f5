/**
 * The compact form of a histogram with few samples: `[n, index, count, index, count, …]` in one Float64Array, n
 * pairs sorted by bucket index, the buffer doubling from 4 pairs as needed. A request name seen a few times (100k
 * names when a `name=` is forgotten) then costs ~100 B instead of the dense form's 1 KB per power of two spanned.
 * Searches are linear: a histogram leaves this form after {@link COMPACT_BUCKETS} buckets or 128 samples.
 */

/** Distinct buckets the compact form holds (64 pairs = 1 KB, the dense form's smallest size). */
export const COMPACT_BUCKETS = 64;

/** A compact-form buffer: slot 0 holds the number of pairs. */
export type CompactBuckets = Float64Array;

/** Number of (index, count) pairs held; 0 for no buffer. */
export function compactPairCount(buckets: CompactBuckets | null): number {
  return buckets === null ? 0 : buckets[0]!;
}

/**
 * Adds `count` to the pair of `index`, inserting it in order. Returns the buffer to keep (a new one when it had to
 * grow), or null when `index` is new and the form already holds {@link COMPACT_BUCKETS} pairs.
 */
export function addCompact(buckets: CompactBuckets | null, index: number, count: number): CompactBuckets | null {
  const n = compactPairCount(buckets);
  let at = 1;
  while (at < n * 2 + 1 && buckets![at]! < index) at += 2;
  if (at < n * 2 + 1 && buckets![at] === index) {
    buckets![at + 1]! += count;
    return buckets;
  }
  if (n === COMPACT_BUCKETS) return null;
  let target = buckets;
  if (target === null || target.length === n * 2 + 1) {
    target = new Float64Array(Math.max(4, n * 2) * 2 + 1);
    if (buckets !== null) target.set(buckets);
  }
  target.copyWithin(at + 2, at, n * 2 + 1);
  target[at] = index;
  target[at + 1] = count;
  target[0] = n + 1;
  return target;
}

/** The count of bucket `index` (0 when absent). */
export function compactCountAt(buckets: CompactBuckets | null, index: number): number {
  const end = compactPairCount(buckets) * 2 + 1;
  for (let at = 1; at < end; at += 2) if (buckets![at] === index) return buckets![at + 1]!;
  return 0;
}

/** Copies `from` into `into` when it fits, else into a new buffer; returns the buffer holding the copy. */
export function copyCompact(into: CompactBuckets | null, from: CompactBuckets | null): CompactBuckets | null {
  if (from === null) return into === null ? null : clearCompact(into);
  const used = compactPairCount(from) * 2 + 1;
  const target = into !== null && into.length >= used ? into : new Float64Array(from.length);
  target.set(from.subarray(0, used));
  return target;
}

/** Empties the buffer in place (it stays allocated for the next samples). */
export function clearCompact(buckets: CompactBuckets): CompactBuckets {
  buckets[0] = 0;
  return buckets;
}
