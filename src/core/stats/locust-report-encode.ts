import { bucketLowerBound, HISTOGRAM_SCHEME } from "./histogram.ts";
import { bucketResponseTime } from "./locust-bucket.ts";
import {
  EXACT_HISTOGRAMS_KEY,
  type LocustStatsEntryDict,
  type LocustStatsErrorDict,
  type LocustWorkerReport,
  type WorkerReportOptions,
} from "./locust-report.ts";
import type { RequestStats } from "./request-stats.ts";
import type { SerializedStatsEntry } from "./stats-entry.ts";
import { formatLocustErrorKey, type SerializedStatsError } from "./stats-error.ts";

/**
 * Builds a worker's `stats` report the way a Locust worker does: drains `stats` (every reported entry, the total
 * and the errors start over at `now`, so each report is the delta since the previous one) and writes Locust's
 * `stats`, `stats_total` and `errors`, plus the exact histograms under {@link EXACT_HISTOGRAMS_KEY}.
 * The runner adds `user_classes_count` and `user_count` (required by Locust masters) before sending.
 * Int-keyed dicts are `Map`s: msgpack must write their keys as integers or a Python master fails.
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
export function encodeWorkerReport(stats: RequestStats, now?: number, options: WorkerReportOptions = {}): LocustWorkerReport {
  const report = stats.drainReport(now);
  const rounded = options.roundedResponseTimes ?? true;
  const errors: Record<string, LocustStatsErrorDict> = {};
  for (const error of report.errors) errors[formatLocustErrorKey(error.method, error.name, error.error)] = formatLocustError(error);
  return {
    stats: report.stats.map((entry) => formatLocustEntry(entry, rounded)),
    stats_total: formatLocustEntry(report.statsTotal, rounded),
    errors,
    [EXACT_HISTOGRAMS_KEY]: {
      scheme: HISTOGRAM_SCHEME,
      entries: report.stats.map((entry) => [entry.name, entry.method, packPairs(entry.responseTimes.pairs)]),
      total: packPairs(report.statsTotal.responseTimes.pairs),
    },
  };
}

/** `[index, count, …]` as little-endian uint32 bytes. */
function packPairs(pairs: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(pairs.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < pairs.length; i++) view.setUint32(i * 4, pairs[i]!, true);
  return bytes;
}

/**
 * Locust's `StatsEntryDict` of a serialized entry. `response_times` holds each histogram bucket's lower bound
 * (clamped to the entry's raw min and max) rounded Locust's way, so a Python master sees at most the histogram's
 * 0.78 % error, which moves a sample into the neighbouring Locust bucket only right at a rounding edge.
 */
export function formatLocustEntry(entry: SerializedStatsEntry, roundedResponseTimes = true): LocustStatsEntryDict {
  const perSecond = entry.perSecond;
  const requests = new Map<number, number>();
  const failures = new Map<number, number>();
  for (let i = 0; i + 2 < perSecond.length; i += 3) {
    if (perSecond[i + 1]! > 0) requests.set(perSecond[i]!, perSecond[i + 1]!);
    if (perSecond[i + 2]! > 0) failures.set(perSecond[i]!, perSecond[i + 2]!);
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
    response_times: roundedResponseTimes ? formatBucketedResponseTimes(entry) : new Map(),
    num_reqs_per_sec: requests,
    num_fail_per_sec: failures,
  };
}

function formatBucketedResponseTimes(entry: SerializedStatsEntry): Map<number, number> {
  const pairs = entry.responseTimes.pairs;
  const min = entry.minResponseTime ?? 0;
  const buckets = new Map<number, number>();
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const value = Math.min(Math.max(bucketLowerBound(pairs[i]!), min), entry.maxResponseTime);
    const key = bucketResponseTime(value);
    buckets.set(key, (buckets.get(key) ?? 0) + pairs[i + 1]!);
  }
  return buckets;
}

function formatLocustError(error: SerializedStatsError): LocustStatsErrorDict {
  return {
    name: error.name,
    method: error.method,
    error: error.error,
    occurrences: error.occurrences,
    first_seen: error.firstSeen,
    last_seen: error.lastSeen,
  };
}
