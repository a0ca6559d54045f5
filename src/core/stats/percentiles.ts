/** Locust's PERCENTILES_TO_REPORT: console percentile table and CSV percentile columns. */
export const PERCENTILES_TO_REPORT: readonly number[] = [0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0];
/** Locust's PERCENTILES_TO_STATISTICS: extra percentile columns of the web UI stats. */
export const PERCENTILES_TO_STATISTICS: readonly number[] = [0.95, 0.99];
/** Locust's PERCENTILES_TO_CHART: percentiles charted by the web UI and kept in history. */
export const PERCENTILES_TO_CHART: readonly number[] = [0.5, 0.95];
