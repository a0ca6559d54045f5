import uPlot from "uplot";
import { formatMs, formatRate, formatTick } from "../../number-format.ts";
import type { ChartPointTuple } from "../../stats-frame.ts";
import type { AppState, Store } from "../state.ts";

interface ChartSpec {
  id: string;
  title: string;
  /** Point fields (ChartPointTuple indices) to draw, with label and color. */
  series: Array<[index: number, label: string, color: string]>;
  format: (value: number) => string;
}

const CHARTS: readonly ChartSpec[] = [
  { id: "chart-rps", title: "Total Requests per Second", series: [[1, "RPS", "#2f9e5a"], [2, "Failures/s", "#d64545"]], format: formatRate },
  { id: "chart-response-times", title: "Response Times (ms)", series: [[3, "50th percentile", "#e2a03f"], [4, "95th percentile", "#7b61ff"]], format: formatMs },
  { id: "chart-users", title: "Number of Users", series: [[5, "Users", "#3a86d4"]], format: (v) => String(Math.round(v)) },
];
const HEIGHT = 240;
/** The time axis spans at least this many seconds, so a young test is not drawn with millisecond ticks. */
const MIN_SPAN_SECONDS = 60;
/** Time-axis tick steps in seconds (never below one second). */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

/**
 * The Charts tab: req/s and failures/s, p50 and p95, and users, drawn with uPlot from the store's chart points
 * (history from the server plus one point per second). Charts are drawn only while the tab is visible and are
 * rebuilt when the theme changes, so axis colours follow it. `data-point-count` tells tests what is drawn.
 */
export function mountChartsPanel(store: Store): void {
  const container = document.getElementById("charts")!;
  let plots: uPlot[] = [];
  let builtFor = "";
  let drawn: unknown = null;
  let visible = false;
  const width = () => Math.max(320, container.clientWidth - 2);

  const build = (state: AppState) => {
    for (const plot of plots) plot.destroy();
    const axis = getComputedStyle(document.documentElement).getPropertyValue("--muted").trim() || "#666";
    const grid = getComputedStyle(document.documentElement).getPropertyValue("--line").trim() || "#ddd";
    plots = CHARTS.map((spec) => new uPlot(createOptions(spec, width(), axis, grid), toData(spec, state.points), document.getElementById(spec.id)!));
    builtFor = state.theme;
  };

  new ResizeObserver(() => {
    if (store.state.tab === "charts") for (const plot of plots) plot.setSize({ width: width(), height: HEIGHT });
  }).observe(container);

  store.subscribe((state) => {
    const shown = visible;
    visible = state.tab === "charts";
    if (!visible) return;
    if (!shown) for (const plot of plots) plot.setSize({ width: width(), height: HEIGHT });
    if (builtFor !== state.theme) build(state);
    else if (drawn !== state.points) plots.forEach((plot, i) => plot.setData(toData(CHARTS[i]!, state.points)));
    drawn = state.points;
    container.dataset.pointCount = String(state.points.length);
  });
}

function createOptions(spec: ChartSpec, width: number, axisColor: string, gridColor: string): uPlot.Options {
  const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
  return {
    title: spec.title,
    width,
    height: HEIGHT,
    scales: {
      x: { time: true, range: (_u, min, max) => [min, Math.max(max, min + MIN_SPAN_SECONDS)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { ...axis, incrs: TIME_STEPS, space: 70, values: (_u, ticks) => ticks.map(formatClock) },
      { ...axis, size: 60, values: (_u, ticks) => ticks.map(formatTick) },
    ],
    series: [
      { value: (_u: uPlot, t: number | null) => (t === null ? "–" : formatClock(t)) },
      ...spec.series.map(([, label, color]) => ({ label, stroke: color, width: 2, value: (_u: uPlot, v: number | null) => (v === null ? "–" : spec.format(v)) })),
    ],
  };
}

function formatClock(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString("en-GB", { hour12: false });
}

function toData(spec: ChartSpec, points: readonly ChartPointTuple[]): uPlot.AlignedData {
  const times = points.map((p) => p[0] / 1000);
  return [times, ...spec.series.map(([index]) => points.map((p) => p[index]))];
}
