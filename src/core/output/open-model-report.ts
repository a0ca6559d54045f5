/**
 * The console's open-model lines: the corrected percentile table (latency from each request's intended start)
 * and the arrival-rate iteration counts. Pure: stats → string; empty when the run had neither.
 * @module
 */
import type { RequestStats } from "../stats/index.ts";
import { formatPercentileRows, type PercentileTableOptions } from "./percentile-table.ts";

/** Title of the corrected table: says plainly that these are not the measured numbers. */
export const CORRECTED_TITLE = "Response time percentiles corrected for coordinated omission (from intended start; approximated)";

/** The corrected percentile table, or "" when no paced or arrival-rate request was recorded. */
export function formatCorrectedPercentileTable(stats: RequestStats, options: PercentileTableOptions = {}): string {
  const corrected = stats.corrected;
  if (!corrected.hasSamples) return "";
  return formatPercentileRows(
    { title: CORRECTED_TITLE, entries: corrected.sortedEntries(), total: corrected.total, countLabel: "# samples", count: (entry) => entry.count },
    options,
  );
}

/** `Iterations: 1200 started, 35 dropped (2.83%)`, or "" when no arrival-rate iteration was due. */
export function formatIterationLine(stats: RequestStats): string {
  const { started, dropped } = stats.iterations;
  const due = started + dropped;
  if (due === 0) return "";
  return `Iterations: ${started} started, ${dropped} dropped (${((dropped / due) * 100).toFixed(2)}%)`;
}
