import type { Environment } from "../core/environment.ts";
import { isActiveState } from "../core/runner/runner-state.ts";
import { Ticker } from "../core/ticker.ts";
import {
  formatChartPoint,
  formatStatsRow,
  formatThresholdTuples,
  historyRowToChartPoint,
  MAX_FRAME_ROWS,
  type ChartPointTuple,
  type ErrorRowTuple,
  type StatsFrame,
} from "./stats-frame.ts";
import { formatOpenModelTuple } from "./open-model-wire.ts";
import { workerTuples } from "./worker-rows.ts";

/** The WebSocket topic every page subscribes to. */
export const STATS_TOPIC = "stats";
/** Per-second chart points kept in memory (one hour); older points come from `stats.history` (every 5 s). */
const MAX_CHART_POINTS = 3600;

/**
 * Builds the page's stats frame once a second and hands it to `publish` (the server's topic broadcast), recording
 * a chart point each second while a test is active. Points are dropped when the stats are cleared or reset.
 */
export class StatsPush {
  readonly #environment: Environment;
  #points: ChartPointTuple[] = [];
  #statsStart = Number.NaN;
  #ticker: Ticker | undefined;

  constructor(environment: Environment) {
    this.#environment = environment;
  }

  /** Starts the once-a-second loop; `hasSubscribers` lets it skip building frames nobody reads. */
  start(publish: (text: string) => void, hasSubscribers: () => boolean = () => true): void {
    if (this.#ticker) return;
    this.#ticker = new Ticker(this.#environment.clock, 1000, () => {
      // Points are kept even when nobody watches, so a page opened later still gets the whole chart.
      const point = this.#recordPoint(this.#environment.clock.now());
      if (hasSubscribers()) publish(JSON.stringify(this.#buildFrame(point)));
    });
    this.#ticker.start();
  }

  stop(): void {
    this.#ticker?.stop();
    this.#ticker = undefined;
  }

  /** One second's work: records a chart point (when active) and returns the frame for every subscriber. */
  tick(now = this.#environment.clock.now()): StatsFrame {
    return this.#buildFrame(this.#recordPoint(now));
  }

  /** The frame a new subscriber gets first: the current numbers plus every chart point so far. */
  initialFrame(): StatsFrame {
    this.#syncWithStats();
    return { ...this.#buildFrame(null), history: this.chartHistory() };
  }

  /** Chart points so far: `stats.history` rows older than the kept per-second points, then those points. */
  chartHistory(): ChartPointTuple[] {
    const first = this.#points[0]?.[0] ?? Number.POSITIVE_INFINITY;
    const older = this.#environment.stats.history.rows.map(historyRowToChartPoint).filter((p) => p[0] < first);
    return [...older, ...this.#points];
  }

  #recordPoint(now: number): ChartPointTuple | null {
    this.#syncWithStats();
    const runner = this.#environment.runner;
    if (!runner || !isActiveState(runner.state)) return null;
    const point = formatChartPoint(this.#environment.stats, runner.userCount, now);
    this.#points.push(point);
    if (this.#points.length > MAX_CHART_POINTS) this.#points.splice(0, this.#points.length - MAX_CHART_POINTS);
    return point;
  }

  #syncWithStats(): void {
    const start = this.#environment.stats.startTime;
    if (start === this.#statsStart) return;
    this.#statsStart = start;
    this.#points = [];
  }

  #buildFrame(point: ChartPointTuple | null): StatsFrame {
    const { stats, runner, host } = this.#environment;
    const errors: ErrorRowTuple[] = [];
    for (const error of stats.errors) {
      if (errors.length === MAX_FRAME_ROWS) break;
      errors.push([error.method, error.name, error.error, error.occurrences]);
    }
    return {
      type: "stats",
      state: runner?.state ?? "missing",
      userCount: runner?.userCount ?? 0,
      host: host ?? null,
      statsStart: stats.startTime,
      failRatio: stats.total.failRatio,
      openModel: formatOpenModelTuple(stats),
      entryCount: stats.entryCount,
      exceptionCount: runner?.exceptions.size ?? 0,
      exceptionOccurrences: runner?.exceptions.occurrences ?? 0,
      rows: stats.sortedEntries().slice(0, MAX_FRAME_ROWS).map(formatStatsRow),
      total: formatStatsRow(stats.total),
      errors,
      point,
      workers: workerTuples(runner),
      thresholds: formatThresholdTuples(this.#environment.thresholds, stats),
    };
  }
}
