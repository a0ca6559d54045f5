import type { TaskRatio } from "../../core/task-ratio/index.ts";
import type { RequestStats } from "../../core/stats/index.ts";
import { escapeHtml } from "../escape-html.ts";
import { formatMs } from "../number-format.ts";
import { formatPercentileLabel, readSpectrum, SPECTRUM_PERCENTILES } from "../percentile-spectrum.ts";
import type { TaskRatioReport } from "../task-ratios.ts";

/** The latency spectrum (p50 … p99.999 from the exact histograms) of every entry, Aggregated last. */
export function renderSpectrumTable(stats: RequestStats): string {
  const head = ["Method", "Name", ...SPECTRUM_PERCENTILES.map((p) => `p${formatPercentileLabel(p)} (ms)`)].map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const rows = [...stats.sortedEntries(), stats.total].map((entry) => {
    const values = readSpectrum(entry).map((v) => `<td>${v === null ? "N/A" : formatMs(v)}</td>`).join("");
    return `<tr><td>${escapeHtml(entry.method)}</td><td class="name" title="${escapeHtml(entry.name)}">${escapeHtml(entry.name)}</td>${values}</tr>`;
  });
  return `<table class="spectrum"><thead><tr>${head}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

/** Locust's "Final ratio": the task ratios per user class and in total, as nested lists. */
export function renderRatioSection(ratios: TaskRatioReport): string {
  return `<div class="ratios"><div><h3>Ratio per User class</h3>${renderRatioList(ratios.perClass)}</div><div><h3>Total ratio</h3>${renderRatioList(ratios.total)}</div></div>`;
}

function renderRatioList(nodes: Record<string, TaskRatio>): string {
  const items = Object.entries(nodes).map(
    ([name, node]) => `<li><span class="ratio">${(node.ratio * 100).toFixed(2)}%</span> ${escapeHtml(name)}${node.tasks && Object.keys(node.tasks).length > 0 ? renderRatioList(node.tasks) : ""}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}
