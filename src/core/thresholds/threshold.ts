/**
 * What a threshold is once parsed, and what evaluating it gives. A threshold names an optional stats row, a metric
 * of that row, a comparison and a limit: `p95<300`, `"GET /items":p99<=500`, `fail_ratio<0.01`, `rps>=1000`.
 * @module
 */

/** The metrics a threshold can read from a stats row (times in ms). */
export type ThresholdMetric =
  | { kind: "percentile"; /** 0 < p ≤ 1 */ p: number }
  | { kind: "avg" | "min" | "max" | "median" | "rps" | "fail_ratio" | "failures" | "requests" };

/** A comparison between the actual value (left) and the limit (right). */
export type Comparator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** One parsed threshold. */
export interface Threshold {
  /** The expression as written, trimmed: how the threshold is named in every report. */
  expression: string;
  /** The row it reads: `undefined` for the aggregate, else a "METHOD name", a name alone, or a request type. */
  row: string | undefined;
  /** The metric as written (`p95`, `p(99.9)`, `fail_ratio`). */
  metricName: string;
  metric: ThresholdMetric;
  comparator: Comparator;
  /** The limit, in the metric's unit (ms for times, a ratio for fail_ratio). */
  limit: number;
}

/** A threshold checked against stats. */
export interface ThresholdResult {
  expression: string;
  /** The measured value; `null` when the row had no requests (or no such row exists), which fails. */
  actual: number | null;
  passed: boolean;
}
