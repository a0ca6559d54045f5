/**
 * Thresholds: pass/fail gates on the merged stats (`--threshold p95<300`), their live abort, the console table, the
 * JUnit report and locust-plugins' `--check-*` aliases. Readers of stats; they never write to them.
 * @module
 */
export { collectOptionThresholds, formatCheckThresholds, type CheckOptions } from "./check-aliases.ts";
export { evaluateThreshold, evaluateThresholds, readThresholdMetric } from "./evaluate-thresholds.ts";
export { formatJunitReport, type JunitInput } from "./junit-report.ts";
export { METRIC_NAMES, parseThreshold, parseThresholds, ThresholdError } from "./parse-threshold.ts";
export { ThresholdAbort, type ThresholdAbortSettings } from "./threshold-abort.ts";
export { findThresholdRow } from "./threshold-row.ts";
export { formatThresholdTable, formatThresholdValue } from "./threshold-table.ts";
export type { Comparator, Threshold, ThresholdMetric, ThresholdResult } from "./threshold.ts";
