import { Histogram } from "./histogram.ts";

/** Locust's CURRENT_RESPONSE_TIME_PERCENTILE_WINDOW: "current" percentiles cover about the last 10 seconds. */
export const CURRENT_PERCENTILE_WINDOW_SECONDS = 10;
const SLOTS = CURRENT_PERCENTILE_WINDOW_SECONDS + 10;
/** Preference order of snapshot ages: 10, 11, 9, 12, 8, … 18, 2 seconds (Locust's order). */
const AGES = [CURRENT_PERCENTILE_WINDOW_SECONDS].concat(
  ...Array.from({ length: 8 }, (_, i) => [
    CURRENT_PERCENTILE_WINDOW_SECONDS + i + 1,
    CURRENT_PERCENTILE_WINDOW_SECONDS - i - 1,
  ]),
);

/**
 * Snapshots of an entry's histogram, one per second, for sliding-window ("current") percentiles.
 * Slot = second mod 20. Lookups only reach 2..18 seconds back and snapshots are never taken for a second later
 * than now, so a slot is only overwritten once its old second can no longer be asked for — the same answers as
 * Locust's "20 most recent" cache. Snapshot buffers are reused, so steady state allocates nothing.
 */
export class ResponseTimeCache {
  #seconds = new Float64Array(SLOTS).fill(-1);
  #snapshots: (Histogram | undefined)[] = new Array(SLOTS);

  /** Stores a copy of `histogram` as the state at (the end of) `second`. */
  store(second: number, histogram: Histogram): void {
    const slot = ((second % SLOTS) + SLOTS) % SLOTS;
    const snapshot = (this.#snapshots[slot] ??= new Histogram());
    snapshot.copyFrom(histogram);
    this.#seconds[slot] = second;
  }

  /** The snapshot closest to 10 s before `now` (epoch seconds) in Locust's preference order, or null. */
  find(now: number): Histogram | null {
    const t = Math.floor(now);
    for (const age of AGES) {
      const second = t - age;
      const slot = ((second % SLOTS) + SLOTS) % SLOTS;
      if (this.#seconds[slot] === second) return this.#snapshots[slot]!;
    }
    return null;
  }

  /** Forgets every snapshot (after a reset they no longer relate to the histogram). */
  clear(): void {
    this.#seconds.fill(-1);
  }
}
