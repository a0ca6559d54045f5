/**
 * The run's metrics in Prometheus text format (version 0.0.4), names prefixed `locust_`.
 *
 * Histogram buckets come from our log-linear histogram: a sample counts in `le="b"` when its bucket's lower bound
 * is ≤ b, so a bucket straddling b (at most 0.78 % wide) counts wholly below it.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import type { RunnerState } from "../core/runner/runner-state.ts";
import type { Histogram, StatsEntry } from "../core/stats/index.ts";
import { workerTuples } from "./worker-rows.ts";

/** Upper bounds (ms) of the response-time histogram buckets, before `+Inf`. */
const RESPONSE_TIME_BOUNDS_MS: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const STATES: readonly RunnerState[] = ["ready", "spawning", "running", "cleanup", "stopping", "stopped", "missing"];

const WORKER_STATES = ["ready", "spawning", "running", "missing"] as const;

/** The Prometheus exposition text for `/metrics`; a master adds its worker counts per state. */
export function formatPrometheusMetrics(environment: Environment): string {
  const { stats, runner } = environment;
  const entries = stats.sortedEntries();
  const state = runner?.state ?? "missing";
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family("locust_requests_total", "counter", "Requests per request name and method.");
  for (const e of entries) lines.push(`locust_requests_total${labels(e)} ${e.numRequests}`);
  family("locust_failures_total", "counter", "Failed requests per request name and method.");
  for (const e of entries) lines.push(`locust_failures_total${labels(e)} ${e.numFailures}`);
  family("locust_response_time_milliseconds", "histogram", "Response times in milliseconds per request name and method.");
  for (const e of entries) lines.push(...histogramLines(e));
  family("locust_users", "gauge", "Users currently running.");
  lines.push(`locust_users ${runner?.userCount ?? 0}`);
  family("locust_runner_state", "gauge", "1 for the runner's current state, 0 for the others.");
  for (const s of STATES) lines.push(`locust_runner_state{state="${s}"} ${s === state ? 1 : 0}`);
  const workers = workerTuples(runner);
  if (workers) {
    family("locust_workers", "gauge", "Workers connected to this master, per state.");
    for (const s of WORKER_STATES) lines.push(`locust_workers{state="${s}"} ${workers.filter(([, state]) => state === s).length}`);
  }
  family("locust_current_rps", "gauge", "Requests per second over the last few seconds, all requests.");
  lines.push(`locust_current_rps ${formatValue(stats.total.currentRps)}`);
  family("locust_current_fail_per_sec", "gauge", "Failures per second over the last few seconds, all requests.");
  lines.push(`locust_current_fail_per_sec ${formatValue(stats.total.currentFailPerSec)}`);
  openModelLines(environment, family, lines);
  return `${lines.join("\n")}\n`;
}

/** Cumulative sample counts at each bound (lower bound of the sample's bucket ≤ bound). */
function cumulativeBucketCounts(histogram: Histogram, bounds: readonly number[]): number[] {
  const counts = bounds.map(() => 0);
  histogram.forEachBucket((lowerBound, count) => {
    for (let i = 0; i < bounds.length; i++) if (lowerBound <= bounds[i]!) counts[i]! += count;
  });
  return counts;
}

/** The histogram family lines of one entry (measured, or corrected under another family name). */
function histogramLines(entry: HistogramSource, name = "locust_response_time_milliseconds"): string[] {
  const base = labelPairs(entry);
  const cumulative = cumulativeBucketCounts(entry.histogram, RESPONSE_TIME_BOUNDS_MS);
  return [
    ...RESPONSE_TIME_BOUNDS_MS.map((bound, i) => `${name}_bucket{${base},le="${bound}"} ${cumulative[i]}`),
    `${name}_bucket{${base},le="+Inf"} ${entry.histogram.count}`,
    `${name}_sum{${base}} ${formatValue(entry.totalResponseTime)}`,
    `${name}_count{${base}} ${entry.histogram.count}`,
  ];
}

/** What a histogram family reads of an entry. */
interface HistogramSource {
  readonly method: string;
  readonly name: string;
  readonly histogram: Histogram;
  readonly totalResponseTime: number;
}

/**
 * Open-model runs only: iterations started and dropped (k6's `dropped_iterations`), and the latency corrected for
 * coordinated omission (from each request's intended start) as a second histogram family.
 */
function openModelLines(environment: Environment, family: (name: string, type: string, help: string) => void, lines: string[]): void {
  const { iterations, corrected } = environment.stats;
  if (iterations.started + iterations.dropped > 0) {
    family("locust_iterations_total", "counter", "Arrival-rate iterations started.");
    lines.push(`locust_iterations_total ${iterations.started}`);
    family("locust_dropped_iterations_total", "counter", "Arrival-rate iterations dropped: due while every user of the pool was busy at --max-users.");
    lines.push(`locust_dropped_iterations_total ${iterations.dropped}`);
  }
  if (!corrected.hasSamples) return;
  const name = "locust_corrected_response_time_milliseconds";
  family(name, "histogram", "Response times measured from each request's intended start (corrected for coordinated omission), per request name and method.");
  for (const e of corrected.sortedEntries()) lines.push(...histogramLines(e, name));
}

function labelPairs(entry: HistogramSource): string {
  return `method="${escapeLabel(entry.method)}",name="${escapeLabel(entry.name)}"`;
}

function labels(entry: StatsEntry): string {
  return `{${labelPairs(entry)}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
