/**
 * Seconds kept per entry. Locust's current-rate window reaches 12 s back from the newest second of any entry, so a
 * second that is not among an entry's newest 16 can never be in it (nor can a worker report that late).
 */
const RING_SECONDS = 16;
const MASK = RING_SECONDS - 1;
/** Each slot holds `[second, requests, failures]` in one array (one buffer per entry: it is per request name). */
const SECOND = 0;
const REQUESTS = 1;
const FAILURES = 2;

/** The wall-clock span rates are computed over: Locust uses the Aggregated entry's, for every entry. */
export interface TimeSpan {
  readonly lastRequestTimestamp: number | null;
  readonly startTime: number;
}

/**
 * Requests and failures per integer epoch second, in a fixed ring of recent seconds (Locust keeps an unbounded
 * dict; only the last 12 seconds are ever read). Computes Locust's current req/s and failures/s.
 */
export class RpsWindow {
  #ring = createRing();

  /** Counts requests in second `second`. Called on the per-request path: no allocation. */
  addRequests(second: number, count = 1): void {
    const at = this.#claim(second);
    if (at >= 0) this.#ring[at + REQUESTS]! += count;
  }

  /** Counts failures in second `second`. */
  addFailures(second: number, count = 1): void {
    const at = this.#claim(second);
    if (at >= 0) this.#ring[at + FAILURES]! += count;
  }

  /** Requests counted in `second` (0 when it is no longer kept). */
  requestsAt(second: number): number {
    return this.#countAt(second, REQUESTS);
  }

  /** Failures counted in `second` (0 when it is no longer kept). */
  failuresAt(second: number): number {
    return this.#countAt(second, FAILURES);
  }

  /**
   * Locust's current req/s: the average over the integer seconds from max(int(L) − 12, int(S)) to int(L) − 3
   * inclusive (at most 10 s; the current and two most recent seconds are still filling), 0 without requests.
   */
  currentRequestRate(span: TimeSpan): number {
    return this.#windowAverage(span, REQUESTS);
  }

  /** Locust's current failures/s, over the same window as {@link RpsWindow.currentRequestRate}. */
  currentFailureRate(span: TimeSpan): number {
    return this.#windowAverage(span, FAILURES);
  }

  /** Adds another window's counts second by second. */
  merge(other: RpsWindow): void {
    const ring = other.#ring;
    for (let at = 0; at < ring.length; at += 3) {
      if (ring[at + SECOND]! < 0) continue;
      this.addRequests(ring[at + SECOND]!, ring[at + REQUESTS]!);
      this.addFailures(ring[at + SECOND]!, ring[at + FAILURES]!);
    }
  }

  /** `[second, requests, failures, …]` for kept seconds, oldest first. */
  encode(): number[] {
    const triples: number[][] = [];
    for (let at = 0; at < this.#ring.length; at += 3) {
      if (this.#ring[at + SECOND]! >= 0) triples.push([...this.#ring.subarray(at, at + 3)]);
    }
    return triples.sort((a, b) => a[0]! - b[0]!).flat();
  }

  /** Adds counts from {@link RpsWindow.encode}'s output. */
  mergeEncoded(triples: readonly number[]): void {
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const second = triples[i]!;
      if (!Number.isInteger(second) || second < 0) throw new Error(`malformed per-second count at ${second}`);
      this.addRequests(second, triples[i + 1]!);
      this.addFailures(second, triples[i + 2]!);
    }
  }

  /** Forgets every second. */
  reset(): void {
    clearRing(this.#ring);
  }

  /** Position of `second`'s slot, taking it over from an older second; −1 when the slot holds a newer one. */
  #claim(second: number): number {
    const at = (second & MASK) * 3;
    const held = this.#ring[at + SECOND]!;
    if (held === second) return at;
    if (held > second) return -1;
    this.#ring[at + SECOND] = second;
    this.#ring[at + REQUESTS] = 0;
    this.#ring[at + FAILURES] = 0;
    return at;
  }

  #countAt(second: number, field: number): number {
    const at = (second & MASK) * 3;
    return this.#ring[at + SECOND] === second ? this.#ring[at + field]! : 0;
  }

  #windowAverage(span: TimeSpan, field: number): number {
    const last = span.lastRequestTimestamp;
    if (last === null) return 0;
    const lastSecond = Math.floor(last);
    const from = Math.max(lastSecond - 12, Math.floor(span.startTime || 0));
    const to = lastSecond - 3;
    let sum = 0;
    for (let second = from; second <= to; second++) sum += this.#countAt(second, field);
    return sum / Math.max(to - from + 1, 1);
  }
}

function createRing(): Float64Array {
  return clearRing(new Float64Array(RING_SECONDS * 3));
}

/** Marks every slot unused: second −1, counts 0. */
function clearRing(ring: Float64Array): Float64Array {
  ring.fill(0);
  for (let at = SECOND; at < ring.length; at += 3) ring[at] = -1;
  return ring;
}
