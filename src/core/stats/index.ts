/**
 * Request statistics: histogram, entries, failure groups, the RequestStats container, its listener and history.
 * @module
 */
export { Histogram, bucketIndex, bucketLowerBound, BUCKET_COUNT, MAX_RELATIVE_ERROR, HISTOGRAM_SCHEME } from "./histogram.ts";
export type { EncodedHistogram } from "./histogram.ts";
export { RpsWindow } from "./rps-window.ts";
export type { TimeSpan } from "./rps-window.ts";
export { ResponseTimeCache, CURRENT_PERCENTILE_WINDOW_SECONDS } from "./response-time-cache.ts";
export { StatsEntry } from "./stats-entry.ts";
export type { SerializedStatsEntry, StatsEntryOptions } from "./stats-entry.ts";
export { StatsError, normalizeErrorText, formatLocustErrorKey } from "./stats-error.ts";
export type { SerializedStatsError } from "./stats-error.ts";
export { ErrorGroups, DEFAULT_MAX_ERROR_GROUPS, OTHER_ERRORS_TEXT } from "./error-groups.ts";
export { RequestStats } from "./request-stats.ts";
export type { RequestStatsOptions, StatsReport } from "./request-stats.ts";
export { bucketResponseTime } from "./locust-bucket.ts";
export { EXACT_HISTOGRAMS_KEY } from "./locust-report.ts";
export type { LocustWorkerReport, LocustStatsEntryDict, LocustStatsErrorDict, ExactHistograms } from "./locust-report.ts";
export { encodeWorkerReport } from "./locust-report-encode.ts";
export { mergeWorkerReport } from "./locust-report-merge.ts";
export { createStatsListener, attachStatsListener } from "./stats-listener.ts";
export type { RequestFacts, RequestEventSource } from "./stats-listener.ts";
export { CorrectedStats } from "./corrected-stats.ts";
export { CorrectedEntry } from "./corrected-entry.ts";
export { attachCorrectedListener } from "./corrected-listener.ts";
export { IterationCounts } from "./iteration-counts.ts";
export { SCHEDULE_MARK, createScheduleMark } from "./schedule-mark.ts";
export type { ScheduleMark } from "./schedule-mark.ts";
export { StatsHistory, HISTORY_INTERVAL_SECONDS, DEFAULT_HISTORY_ROWS } from "./history.ts";
export type { HistoryRow, HistorySource } from "./history.ts";
export { PERCENTILES_TO_REPORT, PERCENTILES_TO_STATISTICS, PERCENTILES_TO_CHART } from "./percentiles.ts";
export { formatUtcTimestamp } from "./utc-timestamp.ts";
