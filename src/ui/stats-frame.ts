/**
 * The WebSocket frame the page renders from: locust-bun's own compact format (not a Locust shape), one per second.
 * Rows are tuples to keep a 500-name frame small; the app imports these types only.
 * @module
 */
import type { OpenModelTuple } from "./open-model-wire.ts";
import type { RunnerState } from "../core/runner/runner-state.ts";
import type { HistoryRow, RequestStats, StatsEntry } from "../core/stats/index.ts";
import type { WorkerTuple } from "./worker-rows.ts";
import { evaluateThresholds, parseThresholds } from "../core/thresholds/index.ts";

/** Entries and errors a frame carries at most (Locust's `/stats/requests` cap). */
export const MAX_FRAME_ROWS = 500;

/**
 * One request-table row: method, name, requests, failures, median, p95, p99, average, min, max, average size,
 * current req/s, current failures/s (times in ms).
 */
export type StatsRowTuple = [
  method: string,
  name: string,
  requests: number,
  failures: number,
  median: number,
  p95: number,
  p99: number,
  average: number,
  min: number,
  max: number,
  averageSize: number,
  rps: number,
  failPerSec: number,
];

/** One failure group: method, name, error text, occurrences. */
export type ErrorRowTuple = [method: string, name: string, error: string, occurrences: number];

/** One chart point: epoch ms, req/s, failures/s, current p50 and p95 (ms), users. */
export type ChartPointTuple = [time: number, rps: number, failPerSec: number, p50: number, p95: number, users: number];

/** One threshold's badge: its expression, the value so far (null: no data yet), and whether it passes. */
export type ThresholdTuple = [expression: string, actual: number | null, passed: boolean];

/** What the page receives once a second. */
export interface StatsFrame {
  type: "stats";
  state: RunnerState;
  userCount: number;
  host: string | null;
  /** Epoch seconds the stats were last cleared or reset; a change means "drop your chart points". */
  statsStart: number;
  failRatio: number;
  /** Entries in the stats (the frame carries at most {@link MAX_FRAME_ROWS}). */
  entryCount: number;
  /** Distinct exceptions (the tab's badge). */
  exceptionCount: number;
  /** Exceptions recorded, repeats included: a change means the tab's counts are stale. */
  exceptionOccurrences: number;
  rows: StatsRowTuple[];
  total: StatsRowTuple;
  errors: ErrorRowTuple[];
  /** This second's chart point, when a test is active. */
  point: ChartPointTuple | null;
  /** Arrival-rate iterations and corrected percentiles (absent in a closed-model run without pacing). */
  openModel?: OpenModelTuple;
  /** A master's workers (absent on other runners): the Workers tab. */
  workers?: WorkerTuple[];
  /** The thresholds checked on the stats so far (absent when none are set). */
  thresholds?: ThresholdTuple[];
  /** Only in the first frame a subscriber gets: chart points so far, oldest first. */
  history?: ChartPointTuple[];
}

/** A table row for one entry. */
export function formatStatsRow(entry: StatsEntry): StatsRowTuple {
  return [
    entry.method,
    entry.name,
    entry.numRequests,
    entry.numFailures,
    entry.medianResponseTime,
    entry.getResponseTimePercentile(0.95),
    entry.getResponseTimePercentile(0.99),
    entry.avgResponseTime,
    entry.minResponseTime ?? 0,
    entry.maxResponseTime,
    entry.avgContentLength,
    entry.currentRps,
    entry.currentFailPerSec,
  ];
}

/** The chart point of `stats.total` at `now` (epoch seconds). */
export function formatChartPoint(stats: RequestStats, userCount: number, now: number): ChartPointTuple {
  const total = stats.total;
  return [
    Math.floor(now) * 1000,
    total.currentRps,
    total.currentFailPerSec,
    total.getCurrentResponseTimePercentile(0.5, now) ?? 0,
    total.getCurrentResponseTimePercentile(0.95, now) ?? 0,
    userCount,
  ];
}

/** A 5-second history row of `stats.history` as a chart point. */
export function historyRowToChartPoint(row: HistoryRow): ChartPointTuple {
  return [
    Date.parse(row.time),
    row.currentRps,
    row.currentFailPerSec,
    row.responseTimePercentile50,
    row.responseTimePercentile95,
    row.userCount,
  ];
}

/** Every threshold checked on the stats so far; undefined when there are none (a malformed one is left out). */
export function formatThresholdTuples(expressions: readonly string[], stats: RequestStats): ThresholdTuple[] | undefined {
  if (expressions.length === 0) return undefined;
  return evaluateThresholds(parseThresholds(expressions).thresholds, stats).map((r) => [r.expression, r.actual, r.passed]);
}
