import { describe, expect, test } from "bun:test";
import { encodeWorkerReport } from "../../../src/core/stats/locust-report-encode.ts";
import { mergeWorkerReport } from "../../../src/core/stats/locust-report-merge.ts";
import { PERCENTILES_TO_REPORT } from "../../../src/core/stats/percentiles.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import type { StatsEntry } from "../../../src/core/stats/stats-entry.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
const PERCENTILES = [...PERCENTILES_TO_REPORT, 0.9999];

function statsAt(now = T0, cache = true): RequestStats {
  return new RequestStats({ clock: new FakeClock({ now }), useResponseTimesCache: cache });
}

/** Seeded PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a reader of an entry sees. */
function figures(entry: StatsEntry) {
  return {
    counts: [entry.numRequests, entry.numNoneRequests, entry.numFailures, entry.totalContentLength],
    times: [entry.totalResponseTime, entry.minResponseTime, entry.maxResponseTime, entry.avgResponseTime],
    median: entry.medianResponseTime,
    percentiles: PERCENTILES.map((p) => entry.getResponseTimePercentile(p)),
    last: entry.lastRequestTimestamp,
  };
}

describe("mergeWorkerReport with locust-bun workers", () => {
  test("a master merging N workers' reports has the numbers of one process that saw every sample", () => {
    const next = random(20261206);
    const single = statsAt();
    const workers = Array.from({ length: 4 }, () => statsAt(T0, false));
    const master = statsAt();
    const names = ["/a", "/b", "/c"];
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < 200; i++) {
        const worker = workers[Math.floor(next() * workers.length)]!;
        const name = names[Math.floor(next() * names.length)]!;
        // Multiples of 1/1024 ms from 1 µs to ~15 minutes: fractional and large, and sums stay exact in any order.
        const ms = next() < 0.03 ? null : Math.round(10 ** (next() * 9 - 3) * 1024) / 1024;
        const now = T0 + second + i / 200;
        for (const stats of [single, worker]) {
          stats.logRequest("GET", name, ms, 100, now);
          if (ms !== null && ms > 5000) stats.logError("GET", name, new Error(`slow ${name}`), now);
        }
      }
      if (second % 3 === 2) {
        for (const worker of workers) expect(mergeWorkerReport(master, encodeWorkerReport(worker, T0 + second + 1))).toEqual([]);
      }
    }
    for (const name of names) expect(figures(master.find(name, "GET")!)).toEqual(figures(single.find(name, "GET")!));
    expect(figures(master.total)).toEqual(figures(single.total));
    expect(master.total.currentRps).toBe(single.total.currentRps);
    expect(master.total.currentFailPerSec).toBe(single.total.currentFailPerSec);
    const errors = (stats: RequestStats) => [...stats.errors].map((e) => [e.locustKey, e.occurrences]).sort();
    expect(errors(master)).toEqual(errors(single));
  });

  test("the same failure from two workers is one row with the occurrences added", () => {
    const master = statsAt();
    for (const seen of [T0 + 1, T0 + 2]) {
      const worker = statsAt(T0, false);
      worker.logRequest("GET", "/x", 5, 0, seen);
      worker.logError("GET", "/x", new TypeError("bad"), seen);
      mergeWorkerReport(master, encodeWorkerReport(worker, T0 + 3));
    }
    const rows = [...master.errors].map((e) => [e.error, e.occurrences, e.firstSeen, e.lastSeen]);
    expect(rows).toEqual([["TypeError('bad')", 2, T0 + 1, T0 + 2]]);
  });
});

/** A report as a Locust worker sends it, decoded to plain JS (JSON-style string keys unless Maps are given). */
function pythonReport(stats: unknown[], total: unknown, errors: unknown = {}) {
  return { stats, stats_total: total, errors, user_classes_count: { PyUser: 1 }, user_count: 1 };
}

function pythonEntry(fields: Record<string, unknown>) {
  return {
    name: "/p", method: "GET", last_request_timestamp: T0 + 1.5, start_time: T0, num_requests: 0, num_none_requests: 0,
    num_failures: 0, total_response_time: 0, max_response_time: 0, min_response_time: null, total_content_length: 0,
    response_times: {}, num_reqs_per_sec: {}, num_fail_per_sec: {}, ...fields,
  };
}

describe("mergeWorkerReport with Locust (Python) workers", () => {
  test("folds rounded response times into Locust's numbers (Locust's merge vector)", () => {
    const master = statsAt();
    const s1 = pythonEntry({
      num_requests: 3, num_failures: 1, total_response_time: 62, min_response_time: 12, max_response_time: 38,
      response_times: { 12: 2, 38: 1 }, num_reqs_per_sec: { [T0]: 3 }, num_fail_per_sec: { [T0]: 1 },
    });
    const s2 = pythonEntry({
      num_requests: 7, num_failures: 2, total_response_time: 370, min_response_time: 12, max_response_time: 99,
      response_times: new Map([[12, 1], [99, 1], [14, 1], [55, 2], [38, 1], [97, 1]]),
      num_reqs_per_sec: new Map([[T0 + 1, 7]]), num_fail_per_sec: new Map([[T0 + 1, 2]]),
    });
    expect(mergeWorkerReport(master, pythonReport([s1], { ...s1, name: "Aggregated", method: null }))).toEqual([]);
    expect(mergeWorkerReport(master, pythonReport([s2], { ...s2, name: "Aggregated", method: "" }))).toEqual([]);
    const entry = master.find("/p", "GET")!;
    expect([entry.numRequests, entry.numFailures, entry.medianResponseTime, entry.avgResponseTime]).toEqual([10, 3, 38, 43.2]);
    expect([master.total.numRequests, entry.perSecond.requestsAt(T0 + 1), entry.perSecond.failuresAt(T0)]).toEqual([10, 7, 1]);
  });

  test("float keys (2.12.1 sends 150.0) and 3-digit keys fold to Locust's median", () => {
    const master = statsAt();
    const entry = pythonEntry({
      num_requests: 3, total_response_time: 1600, min_response_time: 100, max_response_time: 800,
      response_times: { "100.0": 1, "800.0": 1, "700": 1 },
    });
    expect(mergeWorkerReport(master, pythonReport([entry], entry))).toEqual([]);
    expect(master.find("/p", "GET")!.medianResponseTime).toBe(700);
  });

  test("Python errors merge by their fields into the row a locust-bun worker reports for the same failure", () => {
    const master = statsAt();
    const worker = statsAt(T0, false);
    worker.logRequest("POST", "/py-fail", 1, 0, T0);
    worker.logError("POST", "/py-fail", Object.assign(new Error("boom"), { name: "RuntimeError" }), T0);
    mergeWorkerReport(master, encodeWorkerReport(worker, T0 + 3));
    const key = "036d7532dc76c5605d87e740bbfd7f69b8766785b164bdc71b5c9efc2454033e";
    const errors = { [key]: { name: "/py-fail", method: "POST", error: "RuntimeError('boom')", occurrences: 4 } };
    expect(mergeWorkerReport(master, pythonReport([], pythonEntry({ name: "Aggregated", method: "" }), errors))).toEqual([]);
    expect([...master.errors].map((e) => [e.locustKey, e.occurrences, e.firstSeen])).toEqual([[key, 5, T0]]);
  });
});

describe("mergeWorkerReport against malformed reports", () => {
  const good = () => pythonEntry({
    num_requests: 2, total_response_time: 30, min_response_time: 10, max_response_time: 20,
    response_times: { 10: 1, 20: 1 }, num_reqs_per_sec: { [T0]: 2 },
  });

  test.each([
    ["a string", "stats"],
    ["null", null],
    ["a list", [1, 2]],
  ])("a report that is %s is one problem and merges nothing", (_, report) => {
    const master = statsAt();
    expect(mergeWorkerReport(master, report)).toEqual([expect.stringContaining("report is not a dict")]);
    expect(master.numRequests).toBe(0);
  });

  test("bad entries and errors are skipped with one problem each; the rest is merged", () => {
    const master = statsAt();
    const bad = [
      { ...good(), name: "/count", num_requests: "2" },
      { ...good(), name: "/key", response_times: { ten: 1 } },
      { ...good(), name: "/neg", response_times: { 10: -1 } },
      { ...good(), name: "/sec", num_reqs_per_sec: { "1.5": 1 } },
      42,
    ];
    const errors = { k1: { name: "/p", method: "GET", error: "E('x')", occurrences: 1.5 }, k2: { name: "/p", method: "GET", error: "E('y')", occurrences: 2 } };
    const problems = mergeWorkerReport(master, pythonReport([...bad, good()], good(), errors));
    expect(problems).toEqual([
      "stats[0]: num_requests is not a count (got \"2\"); skipped",
      "stats[1]: response_times has a bad item \"ten\": 1; skipped",
      "stats[2]: response_times has a bad item \"10\": -1; skipped",
      "stats[3]: num_reqs_per_sec has a bad item \"1.5\": 1; skipped",
      "stats[4]: entry is not a dict (got 42); skipped",
      "errors[k1]: occurrences is not a count (got 1.5); skipped",
    ]);
    expect([...master.entries()].map((e) => [e.name, e.numRequests])).toEqual([["/p", 2]]);
    expect([master.numRequests, [...master.errors].map((e) => e.error)]).toEqual([2, ["E('y')"]]);
  });

  test("a bad stats_total is replaced by the sum of the good entries", () => {
    const master = statsAt();
    const other = { ...good(), name: "/q" };
    const problems = mergeWorkerReport(master, pythonReport([good(), other], { num_requests: -1 }));
    expect(problems).toEqual([expect.stringMatching(/^stats_total: name is not a string/)]);
    expect([master.numRequests, master.total.medianResponseTime, master.total.maxResponseTime]).toEqual([4, 10, 20]);
  });

  test("64-bit integers decoded as BigInt are read as numbers", () => {
    const master = statsAt();
    const entry = { ...good(), num_requests: 2n, num_reqs_per_sec: new Map([[BigInt(T0), 2n]]) };
    expect(mergeWorkerReport(master, pythonReport([entry], entry))).toEqual([]);
    expect([master.numRequests, master.find("/p", "GET")!.perSecond.requestsAt(T0)]).toEqual([2, 2]);
  });

  test("exact histograms that disagree with the timed request count, or use another scheme, fall back to the rounded ones", () => {
    const worker = statsAt(T0, false);
    for (const ms of [10, 20]) worker.logRequest("GET", "/p", ms, 0, T0);
    const report = encodeWorkerReport(worker, T0 + 3);
    report.locust_bun_stats.entries[0]![2] = new Uint8Array(new Uint32Array([1, 5]).buffer);
    const master = statsAt();
    expect(mergeWorkerReport(master, report)).toEqual([
      "stats[0] GET /p: exact histogram holds 5 samples for 2 timed requests; used Locust's rounded response_times",
    ]);
    expect(master.find("/p", "GET")!.medianResponseTime).toBe(10);
    const foreign = { ...report, locust_bun_stats: { ...report.locust_bun_stats, scheme: "hdr/3" } };
    expect(mergeWorkerReport(statsAt(), foreign)).toEqual([
      expect.stringContaining("histogram scheme \"hdr/3\" is not this master's"),
    ]);
  });
});
