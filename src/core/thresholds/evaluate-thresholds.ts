import type { RequestStats, StatsEntry } from "../stats/index.ts";
import type { Comparator, Threshold, ThresholdMetric, ThresholdResult } from "./threshold.ts";
import { findThresholdRow } from "./threshold-row.ts";

const COMPARE: Record<Comparator, (actual: number, limit: number) => boolean> = {
  "<": (a, l) => a < l,
  "<=": (a, l) => a <= l,
  ">": (a, l) => a > l,
  ">=": (a, l) => a >= l,
  "==": (a, l) => a === l,
  "!=": (a, l) => a !== l,
};

/** A metric of one row, with the same numbers the CSV and the console print (percentiles from the exact histogram). */
export function readThresholdMetric(entry: StatsEntry, metric: ThresholdMetric): number {
  switch (metric.kind) {
    case "percentile":
      return entry.getResponseTimePercentile(metric.p);
    case "median":
      return entry.medianResponseTime;
    case "avg":
      return entry.avgResponseTime;
    case "min":
      return entry.minResponseTime ?? 0;
    case "max":
      return entry.maxResponseTime;
    case "rps":
      return entry.totalRps;
    case "fail_ratio":
      return entry.failRatio;
    case "failures":
      return entry.numFailures;
    case "requests":
      return entry.numRequests;
  }
}

/**
 * Checks one threshold against the stats. A row with no requests and no failures has no value, and fails: a
 * misspelt row name or a test that sent nothing must not pass a CI gate.
 */
export function evaluateThreshold(threshold: Threshold, stats: RequestStats): ThresholdResult {
  const entry = findThresholdRow(stats, threshold.row);
  if (!entry || (entry.numRequests === 0 && entry.numFailures === 0)) {
    return { expression: threshold.expression, actual: null, passed: false };
  }
  const actual = readThresholdMetric(entry, threshold.metric);
  return { expression: threshold.expression, actual, passed: COMPARE[threshold.comparator](actual, threshold.limit) };
}

/** Checks every threshold, in order. */
export function evaluateThresholds(thresholds: readonly Threshold[], stats: RequestStats): ThresholdResult[] {
  return thresholds.map((threshold) => evaluateThreshold(threshold, stats));
}
