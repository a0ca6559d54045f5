/**
 * Locust's web API shapes: the only file of the web UI that spells Locust's snake_case keys. Builders turn our
 * camelCase objects into wire objects (serialise them with `locust-json.ts`); parsers turn request bodies into
 * camelCase objects.
 *
 * Differences from Locust, on purpose: median and percentile values keep two decimals of our sub-millisecond
 * histogram instead of Locust's 2-significant-digit integer keys; min/max are rounded half-up to integers as in
 * Locust (but print as `1`, not `1.0`).
 * @module
 */
import type { ExceptionRow } from "../core/runner/exceptions.ts";
import type { RunnerState } from "../core/runner/runner-state.ts";
import { properRound } from "../core/python/index.ts";
import type { RequestStats, StatsEntry, StatsError } from "../core/stats/index.ts";
import type { TaskRatio } from "../core/task-ratio/index.ts";
import type { WorkerTuple } from "./worker-rows.ts";
import { formatOpenModelWire } from "./open-model-wire.ts";

/** Locust caps `/stats/requests` at this many entries and this many errors. */
const MAX_WIRE_ROWS = 500;

/** What `/stats/requests` reads besides the stats. */
export interface RequestsReportInput {
  stats: RequestStats;
  state: RunnerState;
  userCount: number;
  /** Epoch seconds, for the current-window percentiles. */
  now: number;
  /** A master's workers (Locust adds `workers` and `worker_count` only on a master). */
  workers?: readonly WorkerTuple[];
}

/** A parsed `/swarm` body (form-encoded or JSON), before validation. */
export interface SwarmFields {
  userCount: string | undefined;
  spawnRate: string | undefined;
  host: string | undefined;
  runTime: string | undefined;
  userClasses: string[];
  tags: string[] | undefined;
  /** Every other field (custom options), by its wire name. */
  other: Map<string, string[]>;
}

/** A parsed `/user` body, before validation. */
export interface UserClassUpdate {
  userClassName: unknown;
  host: unknown;
  weight: unknown;
  fixedCount: unknown;
}

/** Result of `/swarm` (and the error cases). */
export interface SwarmResult {
  success: boolean;
  message: string;
  host: string | undefined;
  runTime?: number;
  userClasses?: string[];
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/** One `/stats/requests` entry. */
function formatStatsEntry(entry: StatsEntry): Record<string, unknown> {
  return {
    method: entry.method,
    name: entry.name,
    num_requests: entry.numRequests,
    num_failures: entry.numFailures,
    min_response_time: entry.minResponseTime === null ? 0 : properRound(entry.minResponseTime),
    max_response_time: properRound(entry.maxResponseTime),
    current_rps: entry.currentRps,
    current_fail_per_sec: entry.currentFailPerSec,
    avg_response_time: entry.avgResponseTime,
    median_response_time: round2(entry.medianResponseTime),
    total_rps: entry.totalRps,
    total_fail_per_sec: entry.totalFailPerSec,
    "response_time_percentile_0.95": round2(entry.getResponseTimePercentile(0.95)),
    "response_time_percentile_0.99": round2(entry.getResponseTimePercentile(0.99)),
    avg_content_length: entry.avgContentLength,
  };
}

/** One failure group as `/stats/requests` lists it (timestamps as epoch seconds, like Locust's). */
function formatErrorGroup(error: StatsError): Record<string, unknown> {
  return {
    name: error.name,
    method: error.method,
    error: error.error,
    occurrences: error.occurrences,
    first_seen: error.firstSeen,
    last_seen: error.lastSeen,
  };
}

/** The `/stats/requests` snapshot: ≤500 entries by (name, method), Aggregated last, ≤500 errors. */
export function formatRequestsReport(input: RequestsReportInput): Record<string, unknown> {
  const { stats, now } = input;
  const total = stats.total;
  const current = (p: number) => {
    const value = total.getCurrentResponseTimePercentile(p, now);
    return value === null ? null : round2(value);
  };
  return {
    stats: [...stats.sortedEntries().slice(0, MAX_WIRE_ROWS), total].map(formatStatsEntry),
    errors: [...stats.errors].slice(0, MAX_WIRE_ROWS).map(formatErrorGroup),
    total_rps: total.totalRps,
    total_fail_per_sec: total.totalFailPerSec,
    fail_ratio: total.failRatio,
    current_rps: total.currentRps,
    current_fail_per_sec: total.currentFailPerSec,
    current_response_time_percentiles: {
      "response_time_percentile_0.5": current(0.5),
      "response_time_percentile_0.95": current(0.95),
    },
    ...(input.workers && {
      workers: input.workers.map(([id, state, userCount, cpuUsage, memoryUsage]) => ({
        id,
        state,
        user_count: userCount,
        cpu_usage: cpuUsage,
        memory_usage: memoryUsage,
      })),
      worker_count: input.workers.filter(([, state]) => state !== "missing").length,
    }),
    state: input.state,
    user_count: input.userCount,
    ...formatOpenModelWire(stats),
  };
}

/** Locust's `/stats/requests` answer when the environment has no runner. */
export function formatNoRunnerReport(): Record<string, unknown> {
  return {
    stats: [],
    errors: [],
    total_rps: 0,
    total_fail_per_sec: 0,
    fail_ratio: 0,
    current_response_time_percentile_1: null,
    current_response_time_percentile_2: null,
    state: "missing",
    user_count: 0,
  };
}

/** `/exceptions`: nodes joined with ", ". */
export function formatExceptionsReport(rows: readonly ExceptionRow[]): Record<string, unknown> {
  return {
    exceptions: rows.map((row) => ({
      count: row.count,
      msg: row.msg,
      traceback: row.traceback,
      nodes: [...row.nodes].join(", "),
    })),
  };
}

/** `/tasks`. */
export function formatTasksReport(perClass: Record<string, TaskRatio>, total: Record<string, TaskRatio>): Record<string, unknown> {
  return { per_class: perClass, total };
}

/** `/logs`: this process's lines, and on a master each worker's shipped lines. */
export function formatLogsReport(lines: readonly string[], workers: Record<string, string[]> = {}): Record<string, unknown> {
  return { master: lines, workers };
}

/** `/worker-count`. */
export function formatWorkerCount(count: number): Record<string, unknown> {
  return { worker_count: count };
}

/** `/swarm`'s answer; `run_time` and `user_classes` only when set. */
export function formatSwarmResult(result: SwarmResult): Record<string, unknown> {
  const wire: Record<string, unknown> = { success: result.success, message: result.message, host: result.host ?? null };
  if (result.runTime !== undefined) wire.run_time = result.runTime;
  if (result.userClasses !== undefined) wire.user_classes = result.userClasses;
  return wire;
}

/** Reads `/swarm` fields from a body already split into name → values. */
export function parseSwarmFields(fields: Map<string, string[]>): SwarmFields {
  const one = (name: string) => fields.get(name)?.at(-1);
  const other = new Map(fields);
  for (const known of ["user_count", "spawn_rate", "host", "run_time", "user_classes", "tags"]) other.delete(known);
  const tags = fields.get("tags");
  return {
    userCount: one("user_count"),
    spawnRate: one("spawn_rate"),
    host: one("host"),
    runTime: one("run_time"),
    userClasses: (fields.get("user_classes") ?? []).flatMap(splitList),
    tags: tags === undefined ? undefined : tags.flatMap(splitList),
    other,
  };
}

/** Reads a `/user` JSON body. */
export function parseUserClassUpdate(body: Record<string, unknown>): UserClassUpdate {
  return {
    userClassName: body.user_class_name,
    host: body.host,
    weight: body.weight,
    fixedCount: body.fixed_count,
  };
}

/** Wire name of a camelCase option key (`spawnRate` → `spawn_rate`), for matching custom `/swarm` fields. */
export function toWireName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** One row of `/stats/percentiles`: the spectrum of an entry, and its current-window p50 and p95 (for charts). */
export interface PercentilesRow {
  method: string;
  name: string;
  numRequests: number;
  responseTimes: Array<number | null>;
  current50: number | null;
  current95: number | null;
}

/** `/stats/percentiles`: the spectrum's percentiles, then one row per entry asked for (Aggregated first). */
export function formatPercentilesReport(percentiles: readonly number[], rows: readonly PercentilesRow[]): Record<string, unknown> {
  return {
    percentiles,
    stats: rows.map((row) => ({
      method: row.method,
      name: row.name,
      num_requests: row.numRequests,
      response_times: row.responseTimes,
      "current_response_time_percentile_0.5": row.current50,
      "current_response_time_percentile_0.95": row.current95,
    })),
  };
}
