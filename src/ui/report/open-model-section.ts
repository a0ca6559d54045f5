import { CORRECTED_TITLE, formatIterationLine } from "../../core/output/index.ts";
import type { RequestStats } from "../../core/stats/index.ts";
import { escapeHtml } from "../escape-html.ts";
import { formatCount, formatMs } from "../number-format.ts";
import { REPORT_PERCENTILES, renderReportTable } from "./report-tables.ts";

/**
 * The report's open-model section: percentiles corrected for coordinated omission (latency from each request's
 * intended start) and the arrival-rate iteration counts; "" for a run that had neither.
 */
export function renderOpenModelSection(stats: RequestStats): string {
  const iterations = formatIterationLine(stats);
  const corrected = stats.corrected;
  if (!iterations && !corrected.hasSamples) return "";
  const rows = [...corrected.sortedEntries(), corrected.total].map((e) => [
    escapeHtml(e.method),
    escapeHtml(e.name),
    formatCount(e.count),
    ...REPORT_PERCENTILES.map((p) => formatMs(e.getResponseTimePercentile(p))),
  ]);
  const headers = ["Method", "Name", "# Samples", ...REPORT_PERCENTILES.map((p) => `${Math.round(p * 1000) / 10}%ile (ms)`)];
  const tableHtml = corrected.hasSamples ? renderReportTable(headers, rows, "percentiles corrected") : "";
  const note = iterations ? `<p class="iterations">${escapeHtml(iterations)}</p>` : "";
  return `<section><h2>${escapeHtml(CORRECTED_TITLE)}</h2>${note}${tableHtml}</section>`;
}
