/**
 * `_stats_corrected.csv`: the companion of `_stats.csv` for latency corrected for coordinated omission (from each
 * request's intended start), written only when paced users or arrival-rate iterations recorded any. Same
 * percentile cells as `_stats.csv`; the measured files keep Locust's columns untouched.
 * @module
 */
import { PERCENTILES_TO_REPORT } from "../stats/index.ts";
import type { CorrectedEntry, RequestStats } from "../stats/index.ts";
import { formatCsvLine } from "./csv-rows.ts";
import { formatPercentileLabel } from "./percentile-label.ts";
import { formatPythonFloat } from "../python/index.ts";

const COLUMNS = ["Type", "Name", "Sample Count", "Average Response Time", "Max Response Time"];

/** The whole `_stats_corrected.csv`: entries by name then method, then Aggregated. */
export function formatCorrectedStatsCsv(stats: RequestStats, percentiles: readonly number[] = PERCENTILES_TO_REPORT): string {
  const corrected = stats.corrected;
  const row = (entry: CorrectedEntry) =>
    formatCsvLine([
      entry.method,
      entry.name,
      String(entry.count),
      formatPythonFloat(entry.avgResponseTime),
      formatPythonFloat(entry.maxResponseTime),
      ...percentiles.map((p) => String(Math.round(entry.getResponseTimePercentile(p)))),
    ]);
  const header = formatCsvLine([...COLUMNS, ...percentiles.map(formatPercentileLabel)]);
  return header + [...corrected.sortedEntries(), corrected.total].map(row).join("");
}
