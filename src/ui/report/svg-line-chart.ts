import { escapeHtml } from "../escape-html.ts";

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  /** A CSS color. */
  color: string;
  values: readonly number[];
}

/** A time-series chart drawn as inline SVG (no script, so it renders offline and in any viewer). */
export interface LineChartSpec {
  title: string;
  /** Epoch milliseconds, one per value, ascending. */
  times: readonly number[];
  series: readonly ChartSeries[];
  /** Formats a y-axis tick. */
  formatY?: (value: number) => string;
}

const WIDTH = 960;
const HEIGHT = 280;
const PAD = { left: 64, right: 24, top: 58, bottom: 34 };

/** The chart as an `<svg>` element; a short note instead of lines when there are fewer than two points. */
export function renderSvgLineChart(spec: LineChartSpec): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const title = `<text class="chart-title" x="${PAD.left}" y="20">${escapeHtml(spec.title)}</text>`;
  const legend = spec.series
    .map((s, i) => {
      const x = PAD.left + i * 170;
      return `<g class="legend"><rect x="${x}" y="36" width="14" height="4" fill="${s.color}"/><text x="${x + 20}" y="42">${escapeHtml(s.label)}</text></g>`;
    })
    .join("");
  const open = `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(spec.title)}" xmlns="http://www.w3.org/2000/svg">`;
  if (spec.times.length < 2) {
    const note = `<text class="chart-note" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">Not enough data for a chart yet (a point is recorded every 5 s)</text>`;
    return `${open}${title}${note}</svg>`;
  }
  const t0 = spec.times[0]!;
  const t1 = spec.times.at(-1)!;
  const maxValue = Math.max(0, ...spec.series.flatMap((s) => s.values.filter(Number.isFinite)));
  const yTicks = niceTicks(maxValue);
  const yMax = yTicks.at(-1)!;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * plotW;
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const formatY = spec.formatY ?? String;
  const grid = yTicks
    .map((v) => `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(formatY(v))}</text>`)
    .join("");
  const ticks = timeTicks(t0, t1);
  const xLabels = ticks
    .map((t) => `<text class="tick" x="${x(t).toFixed(1)}" y="${HEIGHT - 12}" text-anchor="middle">${formatClock(t)}</text>`)
    .join("");
  const lines = spec.series
    .map((s) => {
      const points = s.values.map((v, i) => `${x(spec.times[i]!).toFixed(1)},${y(Number.isFinite(v) ? v : 0).toFixed(1)}`).join(" ");
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round" points="${points}"/>`;
    })
    .join("");
  return `${open}${title}${legend}${grid}${xLabels}${lines}</svg>`;
}

/** Round tick values from 0 to at least `max` (0, 1, 2, 5 × 10^n steps). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Time-axis steps in seconds: labels fall on round clock times (…:10, …:20), not on fractions of the run. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Epoch-ms ticks at the first step that gives at most `count` labels, on multiples of that step (local time). */
export function timeTicks(t0: number, t1: number, count = 7): number[] {
  const step = (TIME_STEPS.find((s) => (t1 - t0) / (s * 1000) <= count - 1) ?? TIME_STEPS.at(-1)!) * 1000;
  const offset = new Date(t0).getTimezoneOffset() * 60_000;
  const first = Math.ceil((t0 - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let t = first; t <= t1; t += step) ticks.push(t);
  return ticks;
}

function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
