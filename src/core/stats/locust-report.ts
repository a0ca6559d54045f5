/**
 * The shapes of Locust's worker → master `stats` report (snake_case, as on the wire) and of the extra key with
 * the exact histograms. The encoder is locust-report-encode.ts, the master-side merge locust-report-merge.ts.
 * @module
 */

/** Locust's `StatsEntryDict`: the 14 fields in Locust's order. */
export interface LocustStatsEntryDict {
  name: string;
  method: string;
  /** Epoch seconds, null when the period had no request. */
  last_request_timestamp: number | null;
  /** Epoch seconds: the start of the report period. */
  start_time: number;
  /** Includes failed requests. */
  num_requests: number;
  num_none_requests: number;
  num_failures: number;
  total_response_time: number;
  max_response_time: number;
  /** Null when the period had no timed request. */
  min_response_time: number | null;
  total_content_length: number;
  /** Locust's bucketed ms (see bucketResponseTime) → count. A `Map` so msgpack writes integer keys. */
  response_times: Map<number, number>;
  /** Integer epoch second → requests. */
  num_reqs_per_sec: Map<number, number>;
  /** Integer epoch second → failures. */
  num_fail_per_sec: Map<number, number>;
}

/** Locust's `StatsErrorDict` (`first_seen` / `last_seen` as Locust 2.44+ sends them; older masters ignore them). */
export interface LocustStatsErrorDict {
  name: string;
  method: string;
  /** Python repr text of the error, object addresses masked. */
  error: string;
  occurrences: number;
  first_seen: number | null;
  last_seen: number | null;
}

/**
 * The exact histograms of a report, which a locust-bun master prefers over Locust's 2-digit `response_times`.
 * Each histogram is `[bucketIndex, count, …]` in the scheme named by `scheme`, sent packed as little-endian
 * uint32s (a msgpack bin: one copy to decode, where an array of numbers costs a parse per value); plain number
 * arrays are accepted too.
 */
export interface ExactHistograms {
  scheme: string;
  /** `[name, method, pairs]` for every entry of `stats`. */
  entries: [string, string, Uint8Array][];
  total: Uint8Array;
}

/** Options of `encodeWorkerReport`. */
export interface WorkerReportOptions {
  /**
   * Also fill Locust's rounded `response_times` (default true). A locust-bun master, which says so in its `ack`,
   * reads only the exact histograms; leaving the rounded copy empty then halves what it decodes.
   */
  roundedResponseTimes?: boolean;
}

/** Key of {@link ExactHistograms} in a report; Locust masters ignore unknown keys. */
export const EXACT_HISTOGRAMS_KEY = "locust_bun_stats";

/**
 * A worker's report as built by `encodeWorkerReport`. The runner must add `user_classes_count` (`{class: count}`;
 * a Locust master raises KeyError without it) and `user_count` before sending.
 */
export interface LocustWorkerReport {
  stats: LocustStatsEntryDict[];
  /** "Aggregated" with method "" (a Locust worker sends None only before its first clear). */
  stats_total: LocustStatsEntryDict;
  /** Locust's error key (SHA-256 hex, see StatsError.locustKey) → error. */
  errors: Record<string, LocustStatsErrorDict>;
  [EXACT_HISTOGRAMS_KEY]: ExactHistograms;
  user_classes_count?: Record<string, number>;
  user_count?: number;
}
