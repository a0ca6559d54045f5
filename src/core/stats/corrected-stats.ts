import { CorrectedEntry } from "./corrected-entry.ts";
import type { ScheduleMark } from "./schedule-mark.ts";

/**
 * The second set of histograms: latency corrected for coordinated omission, for requests of arrival-rate
 * iterations and paced users only (others carry no schedule). The measured stats stay exactly Locust's; this set
 * sits next to them, and is empty (and costs nothing) in a closed-model run without pacing.
 */
export class CorrectedStats {
  #total = new CorrectedEntry("Aggregated", "");
  /** name → method → entry: no key string built per request. */
  #entries = new Map<string, Map<string, CorrectedEntry>>();
  #last: CorrectedEntry | null = null;

  /** The all-requests entry. */
  get total(): CorrectedEntry {
    return this.#total;
  }

  /** True once any scheduled request was recorded (outputs show the corrected tables only then). */
  get hasSamples(): boolean {
    return this.#total.count > 0;
  }

  /**
   * Records a request that took `responseTime` ms under `mark`: late start added, and with a pace, the requests the
   * pace would have started while this one ran (each `intervalMs` less). Called on the per-request path of
   * scheduled users: no allocation after an entry's first request.
   */
  record(method: string, name: string, responseTime: number, mark: ScheduleMark): void {
    const entry = this.#entryFor(name, method);
    const total = this.#total;
    const value = responseTime + mark.latenessMs;
    entry.record(value);
    total.record(value);
    const interval = mark.intervalMs;
    if (!(interval > 0)) return;
    for (let missing = value - interval; missing >= interval; missing -= interval) {
      entry.record(missing);
      total.record(missing);
    }
  }

  /** The entry of (name, method), if any request was recorded for it. */
  find(name: string, method: string): CorrectedEntry | undefined {
    return this.#entries.get(name)?.get(method);
  }

  /** Entries sorted by name, then method (the measured tables' order). */
  sortedEntries(): CorrectedEntry[] {
    const all = [...this.#entries.values()].flatMap((byMethod) => [...byMethod.values()]);
    return all.sort((a, b) => compare(a.name, b.name) || compare(a.method, b.method));
  }

  /** Drops every entry (a new test, or a stats reset). */
  clear(): void {
    this.#total = new CorrectedEntry("Aggregated", "");
    this.#entries = new Map();
    this.#last = null;
  }

  #entryFor(name: string, method: string): CorrectedEntry {
    const last = this.#last;
    if (last !== null && last.name === name && last.method === method) return last;
    let byMethod = this.#entries.get(name);
    if (!byMethod) this.#entries.set(name, (byMethod = new Map()));
    let entry = byMethod.get(method);
    if (!entry) byMethod.set(method, (entry = new CorrectedEntry(name, method)));
    return (this.#last = entry);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
