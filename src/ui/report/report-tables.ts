import type { ExceptionRow } from "../../core/runner/exceptions.ts";
import type { RequestStats, StatsEntry } from "../../core/stats/index.ts";
import { escapeHtml } from "../escape-html.ts";
import { formatCount, formatMs, formatRate } from "../number-format.ts";

/** Locust's HTML-report percentiles (its own list, not the console's). */
const REPORT_PERCENTILES: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0];

/** A table whose column `nameColumn` holds request names: wrapped anywhere, with the whole name as a title. */
function table(headers: readonly string[], rows: readonly string[][], className = "", nameColumn = 1): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const cell = (c: string, i: number) => (i === nameColumn ? `<td class="name" title="${c}">${c}</td>` : `<td>${c}</td>`);
  const body = rows.map((cells) => `<tr>${cells.map(cell).join("")}</tr>`).join("\n");
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const text = (value: string) => escapeHtml(value);
const withTotal = (stats: RequestStats): StatsEntry[] => [...stats.sortedEntries(), stats.total];

/** Request statistics: one row per name and method, Aggregated last. */
export function renderRequestTable(stats: RequestStats): string {
  const rows = withTotal(stats).map((e) => [
    text(e.method),
    text(e.name),
    formatCount(e.numRequests),
    formatCount(e.numFailures),
    formatMs(e.avgResponseTime),
    formatMs(e.minResponseTime ?? 0),
    formatMs(e.maxResponseTime),
    formatCount(e.avgContentLength),
    formatRate(e.totalRps),
    formatRate(e.totalFailPerSec),
  ]);
  const headers = ["Type", "Name", "# Requests", "# Fails", "Average (ms)", "Min (ms)", "Max (ms)", "Average size (bytes)", "RPS", "Failures/s"];
  return table(headers, rows, "requests");
}

/** Response-time percentiles of the whole run (report percentiles). */
export function renderPercentileTable(stats: RequestStats): string {
  const rows = withTotal(stats).map((e) => [
    text(e.method),
    text(e.name),
    ...REPORT_PERCENTILES.map((p) => (e.numRequests === 0 ? "N/A" : formatMs(e.getResponseTimePercentile(p)))),
  ]);
  const headers = ["Method", "Name", ...REPORT_PERCENTILES.map((p) => `${Math.round(p * 1000) / 10}%ile (ms)`)];
  return table(headers, rows, "percentiles");
}

/** Failure groups. */
export function renderFailuresTable(stats: RequestStats): string {
  const rows = [...stats.errors].map((e) => [text(e.method), text(e.name), `<code>${text(e.error)}</code>`, formatCount(e.occurrences)]);
  if (rows.length === 0) return `<p class="empty">No failures.</p>`;
  return table(["Method", "Name", "Error", "Occurrences"], rows, "failures");
}

/** Exceptions raised by user code. */
export function renderExceptionsTable(exceptions: readonly ExceptionRow[]): string {
  const rows = exceptions.map((e) => [formatCount(e.count), text(e.msg), `<pre>${text(e.traceback)}</pre>`, text([...e.nodes].join(", "))]);
  if (rows.length === 0) return `<p class="empty">No exceptions.</p>`;
  return table(["Count", "Message", "Traceback", "Nodes"], rows, "exceptions", -1);
}

/** A table of other sections (the open-model one), in the report's layout; cells are HTML already. */
export function renderReportTable(headers: readonly string[], rows: readonly string[][], className: string): string {
  return table(headers, rows, className);
}

export { REPORT_PERCENTILES };
