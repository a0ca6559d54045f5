/**
 * Fixed-memory, exactly mergeable log-linear histogram of response times (milliseconds, float).
 *
 * Bucket scheme — why it looks like this:
 * - A positive double is `2^e × 1.m`. The bucket key is `e` plus the top 7 bits of `m`, read straight from the
 *   float's bits (`hi >>> 13` of the IEEE-754 high word). So every power of two is split into 128 equal-width
 *   sub-buckets, with no log() and no division on the record path (~5 ns).
 * - Reported value of a bucket = its lower bound (callers clamp it to the raw [min, max]). A sample lies in
 *   `[lower, lower × (1 + 1/128))`, so any percentile is at most 1/128 = 0.78 % below the exact sample (≤ 1 %).
 * - Lower bounds have 8 significant bits, so every integer 0..255 ms is the exact lower bound of its own bucket:
 *   integer samples below 256 ms come back exactly (Locust's integer test vectors hold unchanged), and above that
 *   every 2nd/4th/… integer is a bound (e.g. 552 stays 552, 557 reads 556).
 * - Range: 2^-10 ms (~1 µs) to 2^32 ms (~50 days). Samples below ~1 µs (and 0, negatives, NaN) share bucket 0
 *   (absolute error < 1 µs); samples above the range share the top bucket.
 * - Counts live in one Float64Array (exact to 2^53, so merges never overflow) that covers only the used index range
 *   and grows in whole powers of two (128 buckets, 1 KB) when a sample lands outside it. A typical 1 ms–1 s test
 *   uses ~10 KB; the worst case (all 42 powers) is 43 KB, independent of the number of samples.
 * - A histogram starts compact (compact-buckets.ts: sorted (index, count) pairs) and turns dense at its 65th distinct
 *   bucket or 129th sample, so a request name seen a few times costs ~100 B, while a busy entry soon records on the
 *   dense fast path.
 * Unlike Locust we do not round samples to 2 significant digits first; see stats-entry.ts for what that changes.
 * @module
 */
import { addCompact, clearCompact, compactCountAt, compactPairCount, copyCompact, type CompactBuckets } from "./compact-buckets.ts";

const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
const MIN_EXPONENT = -10;
const MAX_EXPONENT = 32;
const MIN_VALUE = 2 ** MIN_EXPONENT;
const MAX_VALUE = 2 ** MAX_EXPONENT;
/** Key (exponent + sub-bucket bits) of MIN_VALUE; index 1 is that key, index 0 is everything below. */
const KEY_BASE = (1023 + MIN_EXPONENT) << SUB_BUCKET_BITS;
/** Number of bucket indices: the underflow bucket plus 128 per power of two in range. */
export const BUCKET_COUNT = (MAX_EXPONENT - MIN_EXPONENT) * SUB_BUCKETS + 1;
/** The largest relative amount a reported value can be below the exact sample (1/128). */
export const MAX_RELATIVE_ERROR = 1 / SUB_BUCKETS;
/** Identifies the bucket scheme in encoded form, so incompatible peers fail loudly instead of merging garbage. */
export const HISTOGRAM_SCHEME = `log-linear/${SUB_BUCKET_BITS}/${MIN_EXPONENT}/${MAX_EXPONENT}`;

/** Samples after which a compact histogram turns dense anyway, so a busy entry records on the fast path. */
const COMPACT_SAMPLES = 128;
/** The counts of a histogram without a dense range; never written (it has no elements). */
const NO_COUNTS = new Float64Array(0);

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The bucket index of a sample (ms). Called on the per-request path: no allocation. */
export function bucketIndex(ms: number): number {
  if (!(ms >= MIN_VALUE)) return 0;
  if (ms >= MAX_VALUE) return BUCKET_COUNT - 1;
  scratch[0] = ms;
  return (scratchWords[HIGH_WORD]! >>> (20 - SUB_BUCKET_BITS)) - KEY_BASE + 1;
}

/** The lower bound (reported value) of a bucket index. */
export function bucketLowerBound(index: number): number {
  if (index <= 0) return 0;
  const key = index - 1 + KEY_BASE;
  const exponent = (key >> SUB_BUCKET_BITS) - 1023;
  return ((SUB_BUCKETS + (key & (SUB_BUCKETS - 1))) / SUB_BUCKETS) * 2 ** exponent;
}

/** JSON-friendly encoded histogram: `pairs` is `[index, count, index, count, …]` for non-empty buckets. */
export interface EncodedHistogram {
  scheme: string;
  pairs: number[];
}

/**
 * Response-time histogram. `record` is O(1) and allocation-free once the used range is allocated;
 * `merge` adds counts exactly. Percentile helpers return bucket lower bounds (0 when empty).
 */
export class Histogram {
  /** Dense counts (empty while compact). */
  #counts = NO_COUNTS;
  /** Global index of `#counts[0]`. */
  #offset = 0;
  #total = 0;
  #dense = false;
  /** The counts while compact; null before the first sample and once dense. */
  #pairs: CompactBuckets | null = null;

  /** Number of recorded samples. */
  get count(): number {
    return this.#total;
  }

  /** Bytes held by the counts (for memory checks). */
  get byteLength(): number {
    return this.#dense ? this.#counts.byteLength : (this.#pairs?.byteLength ?? 0);
  }

  /** Records one sample in ms. Called on the per-request path: must not allocate (except a rare range growth). */
  record(ms: number): void {
    const slot = bucketIndex(ms) - this.#offset;
    if (slot >= 0 && slot < this.#counts.length) this.#counts[slot]!++;
    else this.#addAt(bucketIndex(ms), 1);
    this.#total++;
  }

  /** Records `count` samples of the same value (merging, tests). */
  recordMany(ms: number, count: number): void {
    if (count <= 0) return;
    this.#addAt(bucketIndex(ms), count);
    this.#total += count;
  }

  /** Adds every bucket count of `other` into this histogram (exact). */
  merge(other: Histogram): void {
    other.#forEachIndex((index, count) => this.#addAt(index, count));
    this.#total += other.#total;
  }

  /** Adds an encoded histogram (e.g. from a worker report). Throws on a foreign scheme or malformed pairs. */
  mergeEncoded(encoded: EncodedHistogram): void {
    if (encoded.scheme !== HISTOGRAM_SCHEME) {
      throw new Error(`histogram scheme "${encoded.scheme}" does not match "${HISTOGRAM_SCHEME}"`);
    }
    const pairs = encoded.pairs;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const index = pairs[i]!;
      const count = pairs[i + 1]!;
      if (!Number.isInteger(index) || index < 0 || index >= BUCKET_COUNT || !Number.isInteger(count) || count < 0) {
        throw new Error(`malformed histogram pair [${index}, ${count}]`);
      }
      if (count === 0) continue;
      this.#addAt(index, count);
      this.#total += count;
    }
  }

  /** Makes this histogram an exact copy of `other`, reusing this one's buffers when they are large enough. */
  copyFrom(other: Histogram): void {
    this.#total = other.#total;
    this.#dense = other.#dense;
    if (other.#dense) {
      if (this.#counts.length !== other.#counts.length) this.#counts = new Float64Array(other.#counts.length);
      this.#counts.set(other.#counts);
      this.#offset = other.#offset;
      this.#pairs = null;
      return;
    }
    this.#pairs = copyCompact(this.#pairs, other.#pairs);
    this.#counts = NO_COUNTS;
  }

  /** Empties the histogram but keeps its allocated range (the next test likely uses the same range). */
  reset(): void {
    this.#counts.fill(0);
    if (this.#pairs !== null) clearCompact(this.#pairs);
    this.#total = 0;
  }

  /** Lower bound of the bucket holding the sample of 0-based rank `rank` in ascending order; 0 when empty. */
  valueAtRank(rank: number): number {
    return this.#valueAtRank(rank, null);
  }

  /**
   * Locust's percentile rule: the largest value such that the number of samples strictly below it is
   * ≤ floor(n × p) — which is the sample of rank min(floor(n × p), n − 1). 0 when empty.
   */
  percentile(p: number): number {
    return this.#valueAtRank(rankOf(this.#total, p), null);
  }

  /**
   * The percentile of the samples recorded since `base` was copied from this histogram (the sliding-window
   * percentiles). 0 when nothing was recorded since.
   */
  percentileSince(base: Histogram, p: number): number {
    return this.#valueAtRank(rankOf(this.#total - base.#total, p), base);
  }

  /** Calls `fn` for every non-empty bucket in ascending order with its lower bound, count and index. */
  forEachBucket(fn: (lowerBound: number, count: number, index: number) => void): void {
    this.#forEachIndex((index, count) => fn(bucketLowerBound(index), count, index));
  }

  /** Sparse, JSON-friendly form for worker reports; see {@link Histogram.decode}. */
  encode(): EncodedHistogram {
    const pairs: number[] = [];
    this.forEachBucket((_, count, index) => pairs.push(index, count));
    return { scheme: HISTOGRAM_SCHEME, pairs };
  }

  /** Rebuilds a histogram from {@link Histogram.encode}'s output. */
  static decode(encoded: EncodedHistogram): Histogram {
    const histogram = new Histogram();
    histogram.mergeEncoded(encoded);
    return histogram;
  }

  #valueAtRank(rank: number, base: Histogram | null): number {
    if (rank < 0) return 0;
    if (!this.#dense) return this.#compactValueAtRank(rank, base);
    const counts = this.#counts;
    let seen = 0;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = base === null ? counts[slot]! : counts[slot]! - base.#countAt(this.#offset + slot);
      if (count <= 0) continue;
      seen += count;
      if (seen > rank) return bucketLowerBound(this.#offset + slot);
    }
    return 0;
  }

  #compactValueAtRank(rank: number, base: Histogram | null): number {
    const pairs = this.#pairs;
    const end = compactPairCount(pairs) * 2 + 1;
    let seen = 0;
    for (let at = 1; at < end; at += 2) {
      seen += base === null ? pairs![at + 1]! : pairs![at + 1]! - base.#countAt(pairs![at]!);
      if (seen > rank) return bucketLowerBound(pairs![at]!);
    }
    return 0;
  }

  /** Calls `fn` with the index and count of every non-empty bucket, ascending. */
  #forEachIndex(fn: (index: number, count: number) => void): void {
    if (!this.#dense) {
      const pairs = this.#pairs;
      const end = compactPairCount(pairs) * 2 + 1;
      for (let at = 1; at < end; at += 2) fn(pairs![at]!, pairs![at + 1]!);
      return;
    }
    const counts = this.#counts;
    for (let slot = 0; slot < counts.length; slot++) {
      if (counts[slot]! > 0) fn(this.#offset + slot, counts[slot]!);
    }
  }

  #countAt(index: number): number {
    if (!this.#dense) return compactCountAt(this.#pairs, index);
    const slot = index - this.#offset;
    return slot >= 0 && slot < this.#counts.length ? this.#counts[slot]! : 0;
  }

  #addAt(index: number, count: number): void {
    if (!this.#dense) {
      const pairs = this.#total < COMPACT_SAMPLES ? addCompact(this.#pairs, index, count) : null;
      if (pairs !== null) {
        this.#pairs = pairs;
        return;
      }
      this.#makeDense();
    }
    let slot = index - this.#offset;
    if (slot < 0 || slot >= this.#counts.length) {
      this.#grow(index);
      slot = index - this.#offset;
    }
    this.#counts[slot]! += count;
  }

  /** Moves the compact pairs into a dense range (for good: a reset keeps the range). */
  #makeDense(): void {
    const pairs = this.#pairs;
    const end = compactPairCount(pairs) * 2 + 1;
    this.#dense = true;
    this.#pairs = null;
    if (end === 1) return;
    // Sized for the lowest and highest bucket first, so the range is allocated at most twice.
    this.#grow(pairs![1]!);
    this.#grow(pairs![end - 2]!);
    for (let at = 1; at < end; at += 2) this.#addAt(pairs![at]!, pairs![at + 1]!);
  }

  /** Widens the covered range, in whole powers of two, so that it includes `index`. */
  #grow(index: number): void {
    const chunkStart = Math.floor(index / SUB_BUCKETS) * SUB_BUCKETS;
    const chunkEnd = Math.min(chunkStart + SUB_BUCKETS, BUCKET_COUNT);
    const empty = this.#counts.length === 0;
    const start = empty ? chunkStart : Math.min(this.#offset, chunkStart);
    const end = empty ? chunkEnd : Math.max(this.#offset + this.#counts.length, chunkEnd);
    const counts = new Float64Array(end - start);
    if (!empty) counts.set(this.#counts, this.#offset - start);
    this.#counts = counts;
    this.#offset = start;
  }
}

/** 0-based rank Locust's percentile rule picks among `n` samples; −1 when there are none. */
function rankOf(n: number, p: number): number {
  if (n <= 0) return -1;
  return Math.max(0, Math.min(Math.trunc(n * p), n - 1));
}
