import uPlot from "uplot";
import { escapeHtml } from "../../escape-html.ts";
import { formatMs, formatTick } from "../../number-format.ts";
import { formatPercentileLabel, toNinesScale } from "../../percentile-spectrum.ts";
import type { PercentilesAnswer } from "../api.ts";
import type { AppState, Store } from "../state.ts";
import { themeColors, SERIES_COLORS } from "./chart-theme.ts";

const HEIGHT = 320;
/** x ticks at 50%, 90%, 99% … 99.999% (one per "nine"). */
const X_SPLITS = [2, 10, 100, 1000, 1e4, 1e5];
const X_LABELS = X_SPLITS.map((x) => `${formatPercentileLabel(1 - 1 / x)}%`);

/** y ticks at 1, 2, 5 × 10^n between `min` and `max` (uPlot's log default labels every 1…9, which crowds). */
function logSplits(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(min)); decade <= Math.ceil(Math.log10(max)); decade++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** decade).toPrecision(3));
      if (value >= min && value <= max) ticks.push(value);
    }
  }
  return ticks;
}

/**
 * The Latency tab (beyond Locust): the percentile spectrum, p50 … p99.999 on a log scale of "nines" as
 * HdrHistogram plots it, for Aggregated and every ticked row, live; and the same numbers as a table.
 */
export function mountLatencyPanel(store: Store): void {
  const container = document.getElementById("chart-latency")!;
  const table = document.getElementById("latency-table") as HTMLTableElement;
  let plot: uPlot | null = null;
  let builtFor = "";
  let drawn: unknown = null;
  const width = () => Math.max(320, container.clientWidth - 2);
  new ResizeObserver(() => {
    if (store.state.tab === "latency") plot?.setSize({ width: width(), height: HEIGHT });
  }).observe(container);

  store.subscribe((state) => {
    if (state.tab !== "latency" || !state.latency) return;
    const shape = `${state.theme}:${state.latency.stats.map(labelOf).join("\n")}`;
    if (drawn === state.latency && shape === builtFor) return;
    drawn = state.latency;
    renderTable(table, state.latency);
    if (shape !== builtFor || !plot) {
      plot?.destroy();
      plot = new uPlot(createOptions(state, width()), toData(state.latency), container);
      builtFor = shape;
    } else plot.setData(toData(state.latency));
  });
}

const labelOf = (row: PercentilesAnswer["stats"][number]) => (row.method ? `${row.method} ${row.name}` : row.name);

function renderTable(table: HTMLTableElement, latency: PercentilesAnswer): void {
  const head = table.tHead!.rows[0]!;
  const labels = latency.percentiles.map((p) => `p${formatPercentileLabel(p)}`);
  const headHtml = ["Type", "Name", ...labels].map((label, i) => `<th${i > 1 ? ' class="num"' : ""}>${label}</th>`).join("");
  if (head.innerHTML !== headHtml) head.innerHTML = headHtml;
  table.tBodies[0]!.innerHTML = latency.stats
    .map((row) => {
      const values = row.response_times.map((v) => `<td class="num">${v === null ? "–" : formatMs(v)}</td>`).join("");
      return `<tr><td>${escapeHtml(row.method)}</td><td class="name" title="${escapeHtml(row.name)}">${escapeHtml(row.name)}</td>${values}</tr>`;
    })
    .join("");
}

function createOptions(state: AppState, width: number): uPlot.Options {
  const { axis, grid } = themeColors();
  const style = { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const rows = state.latency!.stats;
  return {
    title: "Response time by percentile (ms, log scales)",
    width,
    height: HEIGHT,
    scales: { x: { time: false, distr: 3, log: 10, range: [1.6, 1.6e5] }, y: { distr: 3, log: 10 } },
    axes: [
      { ...style, splits: () => X_SPLITS, values: () => X_LABELS },
      // uPlot's log axes blank the labels of ticks other than 10^n (its filter); these ticks are few enough to label.
      { ...style, size: 70, splits: (_u, _axis, min, max) => logSplits(min, max), filter: (_u, ticks) => ticks, values: (_u, ticks) => ticks.map(formatTick) },
    ],
    series: [
      { label: "Percentile", value: (_u: uPlot, t: number | null) => (t === null ? "–" : `p${formatPercentileLabel(1 - 1 / t)}`) },
      ...rows.map((row, i) => ({
        label: labelOf(row),
        stroke: SERIES_COLORS[i % SERIES_COLORS.length]!,
        width: 2,
        points: { show: true, size: 6 },
        value: (_u: uPlot, v: number | null) => (v === null ? "–" : formatMs(v)),
      })),
    ],
  };
}

function toData(latency: PercentilesAnswer): uPlot.AlignedData {
  // A log axis cannot show 0 ms: the fastest bucket is drawn at 0.01 ms.
  const ys = latency.stats.map((row) => row.response_times.map((v) => (v === null ? null : Math.max(v, 0.01))));
  return [latency.percentiles.map(toNinesScale), ...ys];
}
