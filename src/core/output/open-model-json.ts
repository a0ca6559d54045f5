import { PERCENTILES_TO_REPORT, type RequestStats } from "../stats/index.ts";
import type { LocustJsonEntry } from "./json-output.ts";

/**
 * Adds the open-model keys to a `--json` entry, only in runs that have them, so other runs keep Locust's exact
 * objects: `corrected_response_time_percentiles` (percentile → ms, from each request's intended start) and
 * `corrected_num_samples` for entries of paced users or arrival-rate iterations; `dropped_iterations` (the
 * run-wide count, repeated on each entry since Locust's format is a bare array) when iterations were due.
 */
export function addOpenModelKeys(json: LocustJsonEntry, stats: RequestStats): LocustJsonEntry {
  const corrected = stats.corrected.find(json.name, json.method);
  if (corrected !== undefined && corrected.count > 0) {
    const percentiles: Record<string, number> = {};
    for (const p of PERCENTILES_TO_REPORT) percentiles[String(p)] = Math.round(corrected.getResponseTimePercentile(p) * 100) / 100;
    json.corrected_response_time_percentiles = percentiles;
    json.corrected_num_samples = corrected.count;
  }
  const { started, dropped } = stats.iterations;
  if (started + dropped > 0) json.dropped_iterations = dropped;
  return json;
}
