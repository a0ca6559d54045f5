/** Seconds kept per entry. Locust's current-rate window reaches 12 s back; 32 leaves room for late worker reports. */
const RING_SECONDS = 32;
const MASK = RING_SECONDS - 1;

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
  #seconds = new Float64Array(RING_SECONDS).fill(-1);
  #requests = new Float64Array(RING_SECONDS);
  #failures = new Float64Array(RING_SECONDS);

  /** Counts requests in second `second`. Called on the per-request path: no allocation. */
  addRequests(second: number, count = 1): void {
    const slot = this.#claim(second);
    if (slot >= 0) this.#requests[slot]! += count;
  }

  /** Counts failures in second `second`. */
  addFailures(second: number, count = 1): void {
    const slot = this.#claim(second);
    if (slot >= 0) this.#failures[slot]! += count;
  }

  /** Requests counted in `second` (0 when it is no longer kept). */
  requestsAt(second: number): number {
    const slot = second & MASK;
    return this.#seconds[slot] === second ? this.#requests[slot]! : 0;
  }

  /** Failures counted in `second` (0 when it is no longer kept). */
  failuresAt(second: number): number {
    const slot = second & MASK;
    return this.#seconds[slot] === second ? this.#failures[slot]! : 0;
  }

  /**
   * Locust's current req/s: the average over the integer seconds from max(int(L) − 12, int(S)) to int(L) − 3
   * inclusive (at most 10 s; the current and two most recent seconds are still filling), 0 without requests.
   */
  currentRequestRate(span: TimeSpan): number {
    return this.#windowAverage(span, this.#requests);
  }

  /** Locust's current failures/s, over the same window as {@link RpsWindow.currentRequestRate}. */
  currentFailureRate(span: TimeSpan): number {
    return this.#windowAverage(span, this.#failures);
  }

  /** Adds another window's counts second by second. */
  merge(other: RpsWindow): void {
    for (let slot = 0; slot < RING_SECONDS; slot++) {
      const second = other.#seconds[slot]!;
      if (second < 0) continue;
      this.addRequests(second, other.#requests[slot]!);
      this.addFailures(second, other.#failures[slot]!);
    }
  }

  /** `[second, requests, failures, …]` for kept seconds, oldest first. */
  encode(): number[] {
    const order = [...this.#seconds.keys()].filter((slot) => this.#seconds[slot]! >= 0);
    order.sort((a, b) => this.#seconds[a]! - this.#seconds[b]!);
    return order.flatMap((slot) => [this.#seconds[slot]!, this.#requests[slot]!, this.#failures[slot]!]);
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
    this.#seconds.fill(-1);
    this.#requests.fill(0);
    this.#failures.fill(0);
  }

  /** Slot for `second`, taking it over from an older second; −1 when the slot holds a newer one. */
  #claim(second: number): number {
    const slot = second & MASK;
    const held = this.#seconds[slot]!;
    if (held === second) return slot;
    if (held > second) return -1;
    this.#seconds[slot] = second;
    this.#requests[slot] = 0;
    this.#failures[slot] = 0;
    return slot;
  }

  #windowAverage(span: TimeSpan, counts: Float64Array): number {
    const last = span.lastRequestTimestamp;
    if (last === null) return 0;
    const lastSecond = Math.floor(last);
    const from = Math.max(lastSecond - 12, Math.floor(span.startTime || 0));
    const to = lastSecond - 3;
    let sum = 0;
    for (let second = from; second <= to; second++) {
      const slot = second & MASK;
      if (this.#seconds[slot] === second) sum += counts[slot]!;
    }
    return sum / Math.max(to - from + 1, 1);
  }
}
