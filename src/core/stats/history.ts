import { properRound } from "../python/index.ts";
import type { StatsEntry } from "./stats-entry.ts";
import { formatUtcTimestamp } from "./utc-timestamp.ts";

/** Locust's HISTORY_STATS_INTERVAL_SEC: the runner records a history row this often. */
export const HISTORY_INTERVAL_SECONDS = 5;
/** Rows kept by default: 24 hours at one row per 5 s (Locust keeps all; its history grew ~2 MiB/h, #2045). */
export const DEFAULT_HISTORY_ROWS = 17_280;

/** One chart point (Locust's `stats.history` record, camelCase; the web UI maps it to its wire names). */
export interface HistoryRow {
  /** UTC `YYYY-MM-DDTHH:MM:SSZ`. */
  time: string;
  currentRps: number;
  currentFailPerSec: number;
  /** Current-window median (ms), 0 when unknown. */
  responseTimePercentile50: number;
  /** Current-window 95th percentile (ms), 0 when unknown. */
  responseTimePercentile95: number;
  /** Whole-run average (ms) rounded half-up to 2 decimals. */
  totalAvgResponseTime: number;
  userCount: number;
}

/** What a history row is read from: the Aggregated entry. */
export interface HistorySource {
  readonly total: StatsEntry;
}

/** Chart history: one row per call to {@link StatsHistory.record}, oldest dropped beyond `capacity`. */
export class StatsHistory {
  readonly capacity: number;
  #rows: HistoryRow[] = [];

  constructor(capacity = DEFAULT_HISTORY_ROWS) {
    this.capacity = capacity;
  }

  /** Rows, oldest first. */
  get rows(): readonly HistoryRow[] {
    return this.#rows;
  }

  /** Appends the current state of `stats.total` at `now` (epoch seconds) and returns the row. */
  record(stats: HistorySource, userCount: number, now: number): HistoryRow {
    const total = stats.total;
    const row: HistoryRow = {
      time: formatUtcTimestamp(now),
      currentRps: total.currentRps,
      currentFailPerSec: total.currentFailPerSec,
      responseTimePercentile50: total.getCurrentResponseTimePercentile(0.5, now) ?? 0,
      responseTimePercentile95: total.getCurrentResponseTimePercentile(0.95, now) ?? 0,
      totalAvgResponseTime: properRound(total.avgResponseTime, 2),
      userCount,
    };
    this.#rows.push(row);
    if (this.#rows.length > this.capacity) this.#rows.splice(0, this.#rows.length - this.capacity);
    return row;
  }

  clear(): void {
    this.#rows = [];
  }
}
