/**
 * Locust's CSV files as text: `_stats.csv`, `_stats_history.csv`, `_failures.csv`, `_exceptions.csv` (Python
 * csv.writer defaults: comma, minimal quoting, CRLF; floats as Python prints them, ints as ints).
 *
 * Response-time cells: Locust's median and percentile cells are integer histogram keys; ours are precise values
 * rounded to integer ms here (`Math.round`), so the columns keep Locust's integer form. Average, min and max are
 * raw values, as in Locust (integral floats print without `.0`, since JavaScript cannot tell 99 from 99.0).
 * @module
 */
import { PERCENTILES_TO_REPORT, formatUtcTimestamp } from "../stats/index.ts";
import type { RequestStats, StatsEntry } from "../stats/index.ts";
import { formatPercentileLabel } from "./percentile-label.ts";
import { formatFixed, formatPythonFloat } from "../python/index.ts";

/** One row of the runner's exceptions table (Locust's `runner.exceptions` values). */
export interface ExceptionRow {
  count: number;
  msg: string;
  traceback: string;
  nodes: Iterable<string>;
}

/** Options for the history rows. */
export interface HistoryRowsOptions {
  /** Epoch seconds of this tick. */
  now: number;
  userCount: number;
  /** `--csv-full-history`: a row per entry too, with current-window percentiles. */
  fullHistory?: boolean;
  percentiles?: readonly number[];
  /** An open-model run: a trailing `Dropped Iterations` cell with this run-wide count (see the README). */
  droppedIterations?: number;
}

const STATS_COLUMNS = [
  "Type", "Name", "Request Count", "Failure Count", "Median Response Time", "Average Response Time",
  "Min Response Time", "Max Response Time", "Average Content Size", "Requests/s", "Failures/s",
];
const HISTORY_TOTAL_COLUMNS = [
  "Total Request Count", "Total Failure Count", "Total Median Response Time", "Total Average Response Time",
  "Total Min Response Time", "Total Max Response Time", "Total Average Content Size",
];
const FAILURES_COLUMNS = ["Method", "Name", "Error", "Occurrences", "First Seen", "Last Seen"];
const EXCEPTIONS_COLUMNS = ["Count", "Message", "Traceback", "Nodes"];

/** One CSV line as Python's csv.writer writes it: minimal quoting, CRLF. */
export function formatCsvLine(cells: readonly string[]): string {
  return `${cells.map(quoteCell).join(",")}\r\n`;
}

/** Header line of `_stats.csv`. */
export function formatStatsCsvHeader(percentiles: readonly number[] = PERCENTILES_TO_REPORT): string {
  return formatCsvLine([...STATS_COLUMNS, ...percentiles.map(formatPercentileLabel)]);
}

/** Header line of `_stats_history.csv`; an open-model run adds a trailing `Dropped Iterations` column. */
export function formatStatsHistoryCsvHeader(percentiles: readonly number[] = PERCENTILES_TO_REPORT, openModel = false): string {
  const columns = ["Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s"];
  const extra = openModel ? ["Dropped Iterations"] : [];
  return formatCsvLine([...columns, ...percentiles.map(formatPercentileLabel), ...HISTORY_TOTAL_COLUMNS, ...extra]);
}

/** Header line of `_failures.csv`. */
export function formatFailuresCsvHeader(): string {
  return formatCsvLine(FAILURES_COLUMNS);
}

/** Header line of `_exceptions.csv`. */
export function formatExceptionsCsvHeader(): string {
  return formatCsvLine(EXCEPTIONS_COLUMNS);
}

/** `_stats.csv` data rows: entries by name then method, then Aggregated; whole-run rates and percentiles. */
export function formatStatsCsvRows(stats: RequestStats, percentiles: readonly number[] = PERCENTILES_TO_REPORT): string {
  return [...stats.sortedEntries(), stats.total]
    .map((entry) =>
      formatCsvLine([
        entry.method,
        entry.name,
        String(entry.numRequests),
        String(entry.numFailures),
        formatMsCell(entry.medianResponseTime),
        formatPythonFloat(entry.avgResponseTime),
        formatRawMs(entry.minResponseTime ?? 0),
        formatRawMs(entry.maxResponseTime),
        formatAvgContentLength(entry),
        formatPythonFloat(entry.totalRps),
        formatPythonFloat(entry.totalFailPerSec),
        ...percentileCells(entry, percentiles, null),
      ]),
    )
    .join("");
}

/** The whole `_stats.csv`. */
export function formatStatsCsv(stats: RequestStats, percentiles: readonly number[] = PERCENTILES_TO_REPORT): string {
  return formatStatsCsvHeader(percentiles) + formatStatsCsvRows(stats, percentiles);
}

/**
 * Rows one history tick appends: (with full history) each entry, then always Aggregated. Rates are current
 * (6 decimals); percentiles are current-window with full history, else whole-run (Locust's behaviour).
 */
export function formatStatsHistoryRows(stats: RequestStats, options: HistoryRowsOptions): string {
  const percentiles = options.percentiles ?? PERCENTILES_TO_REPORT;
  const entries = options.fullHistory ? [...stats.sortedEntries(), stats.total] : [stats.total];
  const currentAt = options.fullHistory ? options.now : null;
  return entries
    .map((entry) =>
      formatCsvLine([
        String(Math.floor(options.now)),
        String(options.userCount),
        entry.method,
        entry.name,
        formatFixed(entry.currentRps, 6),
        formatFixed(entry.currentFailPerSec, 6),
        ...percentileCells(entry, percentiles, currentAt),
        String(entry.numRequests),
        String(entry.numFailures),
        formatMsCell(entry.medianResponseTime),
        formatPythonFloat(entry.avgResponseTime),
        formatRawMs(entry.minResponseTime ?? 0),
        formatRawMs(entry.maxResponseTime),
        formatAvgContentLength(entry),
        ...(options.droppedIterations === undefined ? [] : [String(options.droppedIterations)]),
      ]),
    )
    .join("");
}

/** The whole `_failures.csv`: groups ordered by Locust's SHA-256 key; first/last seen as UTC timestamps. */
export function formatFailuresCsv(stats: RequestStats): string {
  const seen = (t: number | null) => (t === null ? "" : formatUtcTimestamp(t));
  const rows = stats.errors
    .sortedByLocustKey()
    .map((e) => formatCsvLine([e.method, e.name, e.error, String(e.occurrences), seen(e.firstSeen), seen(e.lastSeen)]));
  return formatFailuresCsvHeader() + rows.join("");
}

/** The whole `_exceptions.csv`; nodes joined with ", ". */
export function formatExceptionsCsv(exceptions: Iterable<ExceptionRow>): string {
  let text = formatExceptionsCsvHeader();
  for (const row of exceptions) {
    text += formatCsvLine([String(row.count), row.msg, row.traceback, [...row.nodes].join(", ")]);
  }
  return text;
}

/** A median or percentile cell: integer ms. */
function formatMsCell(ms: number): string {
  return String(Math.round(ms));
}

/** A raw min/max cell: integral values as ints, others as Python floats. */
function formatRawMs(ms: number): string {
  return Number.isInteger(ms) ? String(ms) : formatPythonFloat(ms);
}

function formatAvgContentLength(entry: StatsEntry): string {
  return entry.numRequests === 0 ? "0" : formatPythonFloat(entry.avgContentLength);
}

/** Percentile cells: `N/A` without requests; whole-run, or current-window at `currentAt` (null → 0). */
function percentileCells(entry: StatsEntry, percentiles: readonly number[], currentAt: number | null): string[] {
  if (entry.numRequests === 0) return percentiles.map(() => "N/A");
  return percentiles.map((p) =>
    formatMsCell(
      currentAt === null
        ? entry.getResponseTimePercentile(p)
        : (entry.getCurrentResponseTimePercentile(p, currentAt) ?? 0),
    ),
  );
}

function quoteCell(cell: string): string {
  if (!/[",\r\n]/.test(cell)) return cell;
  return `"${cell.replaceAll('"', '""')}"`;
}
