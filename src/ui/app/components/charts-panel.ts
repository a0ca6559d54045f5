/**
 * The Charts tab: req/s and failures/s, p50 and p95 (plus the current p95 of each ticked row), and users, drawn
 * with uPlot from the store's chart points. Earlier runs stay, each start marked by a dashed line; the legend
 * shows the latest values while the pointer is elsewhere; each chart saves as a PNG.
 * @module
 */
import uPlot from "uplot";
import { formatMs, formatRate, formatTick } from "../../number-format.ts";
import type { ChartPointTuple } from "../../stats-frame.ts";
import type { AppState, Store } from "../state.ts";
import { saveChartImage } from "./chart-image.ts";
import { SERIES_COLORS, themeColors } from "./chart-theme.ts";

interface ChartSpec {
  id: string;
  title: string;
  /** Point fields (ChartPointTuple indices) to draw, with label and color. */
  series: Array<[index: number, label: string, color: string]>;
  format: (value: number) => string;
  /** Whether the ticked rows' p95 lines belong on this chart. */
  rowLines?: boolean;
}

const CHARTS: readonly ChartSpec[] = [
  { id: "chart-rps", title: "Total Requests per Second", series: [[1, "RPS", "#2f9e5a"], [2, "Failures/s", "#d64545"]], format: formatRate },
  { id: "chart-response-times", title: "Response Times (ms)", series: [[3, "50th percentile", "#e2a03f"], [4, "95th percentile", "#7b61ff"]], format: formatMs, rowLines: true },
  { id: "chart-users", title: "Number of Users", series: [[5, "Users", "#3a86d4"]], format: (v) => String(Math.round(v)) },
];
const HEIGHT = 240;
/** The time axis spans at least this many seconds, so a run's first seconds do not get millisecond ticks. */
const MIN_SPAN_SECONDS = 10;
/** Time-axis tick steps in seconds (never below one second). */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

/** One drawn line: its label, colour, and value per chart point. */
interface Line {
  label: string;
  color: string;
  values: (point: ChartPointTuple, state: AppState) => number | undefined;
}

export function mountChartsPanel(store: Store): void {
  const container = document.getElementById("charts")!;
  let plots: uPlot[] = [];
  let lines: Line[][] = [];
  let builtFor = "";
  let drawn: unknown[] = [];
  const width = () => Math.max(320, container.clientWidth - 2);
  for (const [i, spec] of CHARTS.entries()) {
    const button = Object.assign(document.createElement("button"), { type: "button", className: "save-chart", textContent: "Save as PNG" });
    button.addEventListener("click", () => {
      const plot = plots[i];
      if (plot) saveChartImage(plot, spec.title, lines[i]!.map((line) => [line.label, line.color]), `${spec.id.replace("chart-", "locust-bun-")}.png`);
    });
    document.getElementById(spec.id)!.append(button);
  }

  new ResizeObserver(() => {
    if (store.state.tab === "charts") for (const plot of plots) plot.setSize({ width: width(), height: HEIGHT });
  }).observe(container);

  store.subscribe((state) => {
    if (state.tab !== "charts") return void (drawn = []);
    const rowKeys = tickedRowKeys(state);
    const shape = `${state.theme}:${rowKeys.join("\n")}`;
    if (builtFor !== shape) {
      for (const plot of plots) plot.destroy();
      lines = CHARTS.map((spec) => linesOf(spec, rowKeys));
      plots = CHARTS.map((spec, i) => new uPlot(createOptions(spec, lines[i]!, width(), () => store.state.runStarts), toData(lines[i]!, state), document.getElementById(spec.id)!));
      builtFor = shape;
    } else {
      // A hidden panel has no width: size the charts again when the tab opens.
      if (drawn.length === 0) for (const plot of plots) plot.setSize({ width: width(), height: HEIGHT });
      if (drawn[0] !== state.points || drawn[1] !== state.rowPoints || drawn[2] !== state.runStarts) plots.forEach((plot, i) => plot.setData(toData(lines[i]!, state)));
    }
    drawn = [state.points, state.rowPoints, state.runStarts];
    container.dataset.pointCount = String(state.points.length);
    container.dataset.runCount = String(state.runStarts.length);
  });
}

/** Entries ("METHOD name") of ticked names that have chart values. */
function tickedRowKeys(state: AppState): string[] {
  const ticked = new Set(state.ticked);
  return Object.keys(state.rowPoints).filter((key) => ticked.has(key.slice(key.indexOf(" ") + 1))).sort();
}

function linesOf(spec: ChartSpec, rowKeys: readonly string[]): Line[] {
  const own = spec.series.map(([index, label, color]): Line => ({ label, color, values: (p) => p[index] }));
  if (!spec.rowLines) return own;
  const rows = rowKeys.map((key, i): Line => ({ label: `${key} (p95)`, color: SERIES_COLORS[(i + 1) % SERIES_COLORS.length]!, values: (p, state) => state.rowPoints[key]?.[p[0]] }));
  return [...own, ...rows];
}

function createOptions(spec: ChartSpec, lines: readonly Line[], width: number, runStarts: () => readonly number[]): uPlot.Options {
  const { axis, grid } = themeColors();
  const style = { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  // With the pointer away uPlot passes no index: show each line's newest value instead of a dash.
  const latestValue = (u: uPlot, v: number | null, seriesIndex: number, idx: number | null) => {
    const value = idx === null ? lastValue(u.data[seriesIndex] as Array<number | null>) : v;
    return value === null || value === undefined ? "–" : spec.format(value);
  };
  return {
    title: spec.title,
    width,
    height: HEIGHT,
    scales: {
      x: { time: true, range: (_u, min, max) => [min, Math.max(max, min + MIN_SPAN_SECONDS)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { ...style, incrs: TIME_STEPS, space: 70, values: (_u, ticks) => ticks.map(formatClock) },
      { ...style, size: 60, values: (_u, ticks) => ticks.map(formatTick) },
    ],
    series: [
      { value: (u: uPlot, t: number | null, _s: number, idx: number | null) => formatClockOrDash(idx === null ? lastValue(u.data[0] as number[]) : t) },
      ...lines.map((line, i) => ({ label: line.label, stroke: line.color, width: 2, dash: i >= spec.series.length ? [6, 4] : undefined, value: latestValue })),
    ],
    plugins: [runMarkers(runStarts, axis)],
  };
}

/** Draws a dashed line and "Run n" where each test began. */
function runMarkers(runStarts: () => readonly number[], color: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        ctx.textAlign = "left";
        ctx.textBaseline = "top";
        const times = u.data[0];
        runStarts().forEach((start, i) => {
          // At the run's first point: the run began a moment before it was first sampled.
          const first = times.find((t) => t >= start / 1000);
          if (first === undefined) return;
          const x = Math.round(u.valToPos(first, "x", true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(`Run ${i + 1}`, x + 4 * devicePixelRatio, top + 2 * devicePixelRatio);
        });
        ctx.restore();
      },
    },
  };
}

/**
 * x values in seconds; a null row just before each later run's start breaks the lines between runs. A row line
 * has values only for the seconds it was polled: `undefined` elsewhere, which uPlot joins over (null breaks).
 */
function toData(lines: readonly Line[], state: AppState): uPlot.AlignedData {
  const gaps = state.runStarts.slice();
  const rows: Array<ChartPointTuple | number> = [];
  for (const point of state.points) {
    while (gaps.length > 0 && gaps[0]! <= point[0]) {
      const gap = gaps.shift()!;
      if (rows.length > 0) rows.push(gap - 1);
    }
    rows.push(point);
  }
  const times = rows.map((row) => (typeof row === "number" ? row : row[0]) / 1000);
  return [times, ...lines.map((line) => rows.map((row) => (typeof row === "number" ? null : line.values(row, state))))];
}

function lastValue<T>(values: ReadonlyArray<T | null>): T | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i]!;
  return null;
}

function formatClockOrDash(epochSeconds: number | null): string {
  return epochSeconds === null ? "–" : formatClock(epochSeconds);
}

function formatClock(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString("en-GB", { hour12: false });
}
