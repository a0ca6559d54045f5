/**
 * Locust's `--json` / `--json-file` content: an array of serialized entries (snake_case, Locust's field order),
 * without Aggregated and without entries that have neither requests nor failures.
 *
 * Differences from Locust, on purpose: producing it does not reset the entries (Locust's --json zeroes them before
 * the final console table); `response_times` keys are our bucket values clamped to [min, max] and rounded to
 * 0.01 ms (Locust: 2-significant-digit integer keys); `num_reqs_per_sec` / `num_fail_per_sec` hold only the recent
 * seconds the entry keeps (see rps-window.ts), not every second of the run.
 * @module
 */
import type { RequestStats, StatsEntry } from "../stats/index.ts";
import { addOpenModelKeys } from "./open-model-json.ts";

/** One element of the JSON array, as Locust writes it. */
export interface LocustJsonEntry {
  name: string;
  method: string;
  last_request_timestamp: number | null;
  start_time: number;
  num_requests: number;
  num_none_requests: number;
  num_failures: number;
  total_response_time: number;
  max_response_time: number;
  min_response_time: number | null;
  total_content_length: number;
  response_times: Record<string, number>;
  num_reqs_per_sec: Record<string, number>;
  num_fail_per_sec: Record<string, number>;
  /** Open-model runs only (see open-model-json.ts). */
  corrected_response_time_percentiles?: Record<string, number>;
  corrected_num_samples?: number;
  dropped_iterations?: number;
}

/** The entries as Locust's JSON objects. */
export function serializeJsonEntries(stats: RequestStats): LocustJsonEntry[] {
  const entries = [...stats.entries()].filter((e) => e.numRequests > 0 || e.numFailures > 0);
  return entries.map((entry) => addOpenModelKeys(toJsonEntry(entry), stats));
}

/** The `--json` text: the array indented by 4 spaces, as Locust prints it. */
export function formatJsonReport(stats: RequestStats): string {
  return JSON.stringify(serializeJsonEntries(stats), null, 4);
}

function toJsonEntry(entry: StatsEntry): LocustJsonEntry {
  const requests: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const perSecond = entry.perSecond.encode();
  for (let i = 0; i < perSecond.length; i += 3) {
    if (perSecond[i + 1]! > 0) requests[perSecond[i]!] = perSecond[i + 1]!;
    if (perSecond[i + 2]! > 0) failures[perSecond[i]!] = perSecond[i + 2]!;
  }
  return {
    name: entry.name,
    method: entry.method,
    last_request_timestamp: entry.lastRequestTimestamp,
    start_time: entry.startTime,
    num_requests: entry.numRequests,
    num_none_requests: entry.numNoneRequests,
    num_failures: entry.numFailures,
    total_response_time: entry.totalResponseTime,
    max_response_time: entry.maxResponseTime,
    min_response_time: entry.minResponseTime,
    total_content_length: entry.totalContentLength,
    response_times: responseTimeCounts(entry),
    num_reqs_per_sec: requests,
    num_fail_per_sec: failures,
  };
}

function responseTimeCounts(entry: StatsEntry): Record<string, number> {
  const counts: Record<string, number> = {};
  const min = entry.minResponseTime ?? 0;
  const max = entry.maxResponseTime;
  entry.histogram.forEachBucket((lowerBound, count) => {
    const key = String(Math.round(Math.min(Math.max(lowerBound, min), max) * 100) / 100);
    counts[key] = (counts[key] ?? 0) + count;
  });
  return counts;
}
