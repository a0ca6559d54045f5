import { describe, expect, test } from "bun:test";
import { readExactPairs } from "../../../src/core/stats/locust-report-parse.ts";
import { HISTOGRAM_SCHEME, Histogram } from "../../../src/core/stats/histogram.ts";
import { encodeWorkerReport } from "../../../src/core/stats/locust-report-encode.ts";
import { EXACT_HISTOGRAMS_KEY } from "../../../src/core/stats/locust-report.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
const ENTRY_FIELDS = [
  "name", "method", "last_request_timestamp", "start_time", "num_requests", "num_none_requests", "num_failures",
  "total_response_time", "max_response_time", "min_response_time", "total_content_length", "response_times",
  "num_reqs_per_sec", "num_fail_per_sec",
];

function workerStats(): RequestStats {
  return new RequestStats({ clock: new FakeClock({ now: T0 }), useResponseTimesCache: false });
}

function pythonError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe("encodeWorkerReport", () => {
  test("writes Locust's 14 entry fields in order, with int-keyed Maps and Locust's rounded response times", () => {
    const stats = workerStats();
    for (const ms of [12.3, 145, 147.3, 155, 3432, 58760]) stats.logRequest("GET", "/a", ms, 10, T0 + 0.25);
    stats.logRequest("GET", "/a", null, 5, T0 + 1.5);
    stats.logError("GET", "/a", pythonError("RuntimeError", "boom"), T0 + 1.5);
    const entry = encodeWorkerReport(stats, T0 + 3).stats[0]!;
    expect(Object.keys(entry)).toEqual(ENTRY_FIELDS);
    expect(entry).toEqual({
      name: "/a",
      method: "GET",
      last_request_timestamp: T0 + 1.5,
      start_time: T0 + 0.25,
      num_requests: 7,
      num_none_requests: 1,
      num_failures: 1,
      total_response_time: 12.3 + 145 + 147.3 + 155 + 3432 + 58760,
      max_response_time: 58760,
      min_response_time: 12.3,
      total_content_length: 65,
      // 3432 is kept as 3424 by the histogram, which still rounds to Locust's 3400.
      response_times: new Map([[12, 1], [140, 1], [150, 1], [160, 1], [3400, 1], [59000, 1]]),
      num_reqs_per_sec: new Map([[T0, 6], [T0 + 1, 1]]),
      num_fail_per_sec: new Map([[T0 + 1, 1]]),
    });
    expect(entry.response_times).toBeInstanceOf(Map);
  });

  test("an entry with failures only has null last request and min, and max 0", () => {
    const stats = workerStats();
    stats.logError("GET", "/down", "refused", T0 + 1);
    const { stats: [entry] } = encodeWorkerReport(stats, T0 + 3);
    expect([entry!.last_request_timestamp, entry!.min_response_time, entry!.max_response_time]).toEqual([null, null, 0]);
    expect([entry!.num_failures, entry!.response_times.size, entry!.num_fail_per_sec.get(T0 + 1)]).toEqual([1, 0, 1]);
  });

  test("stats_total is the Aggregated entry with method ''", () => {
    const stats = workerStats();
    stats.logRequest("GET", "/a", 10, 0, T0);
    stats.logRequest("POST", "/b", 30, 0, T0);
    const total = encodeWorkerReport(stats, T0 + 3).stats_total;
    expect([total.name, total.method, total.num_requests, total.min_response_time, total.max_response_time]).toEqual([
      "Aggregated", "", 2, 10, 30,
    ]);
    expect(Object.keys(total)).toEqual(ENTRY_FIELDS);
  });

  test("errors are keyed by Locust's SHA-256 key (the value a real Python worker sent for this failure)", () => {
    const stats = workerStats();
    stats.logRequest("POST", "/py-fail", 5, 0, T0);
    stats.logError("POST", "/py-fail", pythonError("RuntimeError", "boom"), T0);
    stats.logRequest("POST", "/py-fail", 5, 0, T0 + 1);
    stats.logError("POST", "/py-fail", pythonError("RuntimeError", "boom"), T0 + 1);
    expect(encodeWorkerReport(stats, T0 + 3).errors).toEqual({
      "036d7532dc76c5605d87e740bbfd7f69b8766785b164bdc71b5c9efc2454033e": {
        name: "/py-fail",
        method: "POST",
        error: "RuntimeError('boom')",
        occurrences: 2,
        first_seen: T0,
        last_seen: T0 + 1,
      },
    });
  });

  test("carries the exact histograms of every entry and the total under the extra key", () => {
    const stats = workerStats();
    const samples = [0.37, 1.5, 999.9, 1234.5, 65_000.25];
    for (const ms of samples) stats.logRequest("GET", "/a", ms, 0, T0);
    stats.logRequest("GET", "/b", 7, 0, T0);
    const expected = new Histogram();
    for (const ms of samples) expected.record(ms);
    const exact = encodeWorkerReport(stats, T0 + 3)[EXACT_HISTOGRAMS_KEY];
    expect(exact.scheme).toBe(HISTOGRAM_SCHEME);
    expect(exact.entries.map(([name, method]) => [name, method])).toEqual([["/a", "GET"], ["/b", "GET"]]);
    expect(readExactPairs(exact.entries[0]![2])).toEqual(expected.encode().pairs);
    expect(Histogram.decode({ scheme: exact.scheme, pairs: readExactPairs(exact.total)! }).count).toBe(6);
  });

  test("each report is the delta since the previous one (Locust's drain)", () => {
    const stats = workerStats();
    stats.logRequest("GET", "/a", 10, 0, T0);
    stats.logError("GET", "/a", "x", T0);
    encodeWorkerReport(stats, T0 + 3);
    const quiet = encodeWorkerReport(stats, T0 + 6);
    // The quiet period started when the first report was drained.
    expect([quiet.stats, quiet.errors, quiet.stats_total.num_requests, quiet.stats_total.start_time]).toEqual([[], {}, 0, T0 + 3]);
    stats.logRequest("GET", "/a", 20, 0, T0 + 7);
    const next = encodeWorkerReport(stats, T0 + 9);
    expect([next.stats.length, next.stats[0]!.num_requests, next.stats[0]!.start_time]).toEqual([1, 1, T0 + 3]);
  });
});
