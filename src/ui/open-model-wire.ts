/**
 * The web UI's open-model numbers: arrival-rate iterations started and dropped, and the Aggregated latency
 * corrected for coordinated omission. Present only in runs that have them, so other runs keep Locust's shapes.
 * @module
 */
import type { RequestStats } from "../core/stats/index.ts";

/** In a stats frame: iterations started, dropped, then corrected p50, p95, p99 (ms; null without samples). */
export type OpenModelTuple = [started: number, dropped: number, p50: number | null, p95: number | null, p99: number | null];

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/** The frame's open-model tuple, or undefined for a closed-model run without pacing. */
export function formatOpenModelTuple(stats: RequestStats): OpenModelTuple | undefined {
  const { iterations, corrected } = stats;
  if (iterations.started + iterations.dropped === 0 && !corrected.hasSamples) return undefined;
  const at = (p: number) => (corrected.hasSamples ? round2(corrected.total.getResponseTimePercentile(p)) : null);
  return [iterations.started, iterations.dropped, at(0.5), at(0.95), at(0.99)];
}

/** Extra `/stats/requests` keys (snake_case, next to Locust's): `dropped_iterations`, `corrected_response_time_percentiles`. */
export function formatOpenModelWire(stats: RequestStats): Record<string, unknown> {
  const tuple = formatOpenModelTuple(stats);
  if (tuple === undefined) return {};
  const [started, dropped, p50, p95, p99] = tuple;
  return {
    iterations_started: started,
    dropped_iterations: dropped,
    corrected_response_time_percentiles: {
      "response_time_percentile_0.5": p50,
      "response_time_percentile_0.95": p95,
      "response_time_percentile_0.99": p99,
    },
  };
}
