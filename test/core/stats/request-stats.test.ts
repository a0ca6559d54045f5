import { describe, expect, test } from "bun:test";
import { encodeWorkerReport } from "../../../src/core/stats/locust-report-encode.ts";
import { mergeWorkerReport } from "../../../src/core/stats/locust-report-merge.ts";
import { configureLogging } from "../../../src/core/log.ts";
import { MANY_NAMES_WARNING_AT, RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

function statsAt(now = T0, options: { cache?: boolean } = {}): RequestStats {
  return new RequestStats({ clock: new FakeClock({ now }), useResponseTimesCache: options.cache ?? true });
}

describe("logging", () => {
  test("a request counts in its entry and in Aggregated; a failure counts as both request and failure", () => {
    const stats = statsAt();
    stats.logRequest("GET", "/a", 10, 100, T0 + 1);
    stats.logRequest("GET", "/a", 20, 100, T0 + 1);
    stats.logError("GET", "/a", new Error("boom"), T0 + 1);
    stats.logRequest("POST", "/a", null, 5, T0 + 2);
    const entry = stats.find("/a", "GET")!;
    expect([entry.numRequests, entry.numFailures, entry.totalContentLength]).toEqual([2, 1, 200]);
    expect([stats.numRequests, stats.numFailures, stats.numNoneRequests]).toEqual([3, 1, 1]);
    expect(stats.total.name).toBe("Aggregated");
    expect(stats.total.method).toBe("");
    expect(stats.lastRequestTimestamp).toBe(T0 + 2);
    expect([...stats.errors].map((e) => [e.method, e.name, e.error, e.occurrences])).toEqual([
      ["GET", "/a", "Error('boom')", 1],
    ]);
  });

  test("errors differing only by an object address are one group", () => {
    const stats = statsAt();
    stats.logError("GET", "/", "Failed: <Conn object at 0x7f01>", T0);
    stats.logError("GET", "/", "Failed: <Conn object at 0x7f02>", T0);
    expect([...stats.errors].map((e) => [e.error, e.occurrences])).toEqual([["Failed: <Conn object at 0x....>", 2]]);
  });

  test("entries alternate correctly between names and methods", () => {
    const stats = statsAt();
    const calls: [string, string][] = [["GET", "/a"], ["GET", "/b"], ["POST", "/a"], ["GET", "/a"], ["GET", "/b"]];
    for (const [method, name] of calls) stats.logRequest(method, name, 1, 0, T0);
    expect(stats.sortedEntries().map((e) => [e.name, e.method, e.numRequests])).toEqual([
      ["/a", "GET", 2],
      ["/a", "POST", 1],
      ["/b", "GET", 2],
    ]);
    expect(stats.entryCount).toBe(3);
  });

  test("get creates an empty entry, find does not", () => {
    const stats = statsAt();
    expect(stats.find("/x", "GET")).toBeUndefined();
    expect(stats.get("/x", "GET").numRequests).toBe(0);
    expect(stats.find("/x", "GET")).toBeDefined();
  });
});

describe("rates use the Aggregated span (vectors 4 and 5)", () => {
  test("entry A with 9 requests and B with 1 over a 5 s span give 1.8, 0.2 and 2.0 req/s", () => {
    const stats = statsAt(1.0);
    for (let i = 0; i < 9; i++) stats.logRequest("GET", "A", 1, 0, 2.0);
    stats.logRequest("GET", "B", 1, 0, 6.0);
    expect([stats.find("A", "GET")!.totalRps, stats.find("B", "GET")!.totalRps, stats.total.totalRps]).toEqual([
      1.8, 0.2, 2.0,
    ]);
  });

  test("an entry's current rate is measured in the window of the last request of any entry", () => {
    const stats = statsAt(T0);
    for (let i = 0; i < 9; i++) stats.logRequest("GET", "A", 1, 0, T0 + 0.5);
    stats.logRequest("GET", "B", 1, 0, T0 + 4.5);
    expect(stats.find("A", "GET")!.currentRps).toBe(4.5);
  });
});

describe("reset and clear", () => {
  test("resetAll zeroes entries in place and drops errors and history", () => {
    const stats = statsAt();
    stats.logRequest("GET", "/a", 10, 0, T0);
    stats.logError("GET", "/a", "x", T0);
    stats.history.record(stats, 1, T0);
    stats.resetAll(T0 + 10);
    expect(stats.sortedEntries().map((e) => [e.name, e.numRequests, e.startTime])).toEqual([["/a", 0, T0 + 10]]);
    expect([stats.numRequests, stats.errors.size, stats.history.rows.length]).toEqual([0, 0, 0]);
  });

  test("clearAll drops every entry and starts a fresh Aggregated", () => {
    const stats = statsAt();
    stats.logRequest("GET", "/a", 10, 0, T0);
    const oldTotal = stats.total;
    stats.clearAll(T0 + 5);
    expect(stats.entryCount).toBe(0);
    expect(stats.total).not.toBe(oldTotal);
    stats.logRequest("GET", "/a", 10, 0, T0 + 6);
    expect(stats.find("/a", "GET")!.numRequests).toBe(1);
    expect(stats.total.startTime).toBe(T0 + 5);
  });
});

describe("worker reports", () => {
  test("two workers' drained reports merged into a master equal logging everything in one place", () => {
    const w1 = statsAt(T0, { cache: false });
    const w2 = statsAt(T0, { cache: false });
    const single = statsAt(T0);
    const log = (stats: RequestStats, method: string, name: string, ms: number | null, at: number) =>
      stats.logRequest(method, name, ms, 10, at);
    for (let i = 0; i < 200; i++) {
      const target = i % 3 === 0 ? w1 : w2;
      const args: [string, string, number | null, number] = [i % 2 ? "GET" : "POST", `/p${i % 4}`, i % 7 ? i * 1.7 : null, T0 + i / 50];
      log(target, ...args);
      log(single, ...args);
      if (i % 11 === 0) {
        target.logError(args[0], args[1], "bad", args[3]);
        single.logError(args[0], args[1], "bad", args[3]);
      }
    }
    const master = statsAt(T0 + 10);
    mergeWorkerReport(master, encodeWorkerReport(w1, T0 + 4));
    mergeWorkerReport(master, encodeWorkerReport(w2, T0 + 4));
    const view = (s: RequestStats) =>
      [...s.sortedEntries(), s.total].map((e) => [e.name, e.method, e.numRequests, e.numFailures, e.serialize().responseTimes]);
    expect(view(master)).toEqual(view(single));
    const errors = (s: RequestStats) => s.errors.sortedByLocustKey().map((e) => e.serialize());
    expect(errors(master)).toEqual(errors(single));
    expect([w1.numRequests, w1.errors.size, w1.sortedEntries()[0]!.numRequests]).toEqual([0, 0, 0]);
  });

  test("s1 (12, 12, 38, 1 error) and s2 (2 errors, 12, 99, 14, 55, 38, 55, 97) merge to 10 requests, 3 failures, median 38, avg 43.2", () => {
    const s1 = statsAt();
    for (const ms of [12, 12, 38]) s1.logRequest("GET", "/", ms, 0, T0 + 1);
    s1.logError("GET", "/", "e", T0 + 1);
    const s2 = statsAt();
    s2.logError("GET", "/", "e", T0 + 2);
    s2.logError("GET", "/", "e", T0 + 2);
    for (const ms of [12, 99, 14, 55, 38, 55, 97]) s2.logRequest("GET", "/", ms, 0, T0 + 2);
    const master = statsAt();
    mergeWorkerReport(master, encodeWorkerReport(s1));
    mergeWorkerReport(master, encodeWorkerReport(s2));
    const entry = master.find("/", "GET")!;
    expect([entry.numRequests, entry.numFailures, entry.medianResponseTime]).toEqual([10, 3, 38]);
    expect(entry.avgResponseTime).toBeCloseTo(43.2, 12);
    expect([...master.errors].map((e) => e.occurrences)).toEqual([3]);
  });

  test("a worker entry with 100, 800, 700 merged into a cleared master has median 700", () => {
    const worker = statsAt();
    for (const ms of [100, 800, 700]) worker.logRequest("GET", "/", ms, 0, T0);
    const master = statsAt();
    master.clearAll();
    mergeWorkerReport(master, encodeWorkerReport(worker));
    expect(master.find("/", "GET")!.medianResponseTime).toBe(700);
  });

  test("entries without requests or failures are left out of a report", () => {
    const stats = statsAt();
    stats.get("/idle", "GET");
    stats.logRequest("GET", "/busy", 1, 0, T0);
    expect(stats.serialize().stats.map((e) => e.name)).toEqual(["/busy"]);
  });

  test("merged reports keep master-side current percentiles working", () => {
    const master = statsAt(T0);
    const report = (ms: number, at: number) => {
      const worker = statsAt(at, { cache: false });
      for (let i = 0; i < 10; i++) worker.logRequest("GET", "/", ms, 0, at);
      return encodeWorkerReport(worker, at + 0.1);
    };
    mergeWorkerReport(master, report(200, T0 + 0.5));
    mergeWorkerReport(master, report(5, T0 + 1.5));
    expect(master.total.getCurrentResponseTimePercentile(0.5, T0 + 10.5)).toBe(5);
    expect(master.total.getResponseTimePercentile(0.99)).toBe(200);
  });
});

describe("many request names (a forgotten name=)", () => {
  /** Runs `fn` with log lines collected instead of printed; returns them. */
  function collectLog(fn: () => void): string[] {
    const lines: string[] = [];
    configureLogging({ write: (line) => void lines.push(line) });
    try {
      fn();
    } finally {
      configureLogging({ write: (line) => process.stderr.write(line) });
    }
    return lines;
  }

  /** Logs `perName` requests for each of `names` names over 60 s of spread response times; heap bytes per name. */
  function heapPerName(names: number, perName: number): number {
    const labels = Array.from({ length: names }, (_, i) => `/item?id=${i}`);
    Bun.gc(true);
    const before = process.memoryUsage().heapUsed;
    const stats = statsAt(T0);
    const total = names * perName;
    collectLog(() => {
      for (let k = 0; k < total; k++) {
        stats.logRequest("GET", labels[(k * 7919) % names]!, 5 + ((k * 31) % 200), 100, T0 + (k / total) * 60);
      }
    });
    Bun.gc(true);
    const bytes = (process.memoryUsage().heapUsed - before) / names;
    expect(stats.entryCount).toBe(names); // keeps `stats` alive until measured
    return bytes;
  }

  test("a name seen a few times costs about a kilobyte, not a histogram copy per second", () => {
    expect(heapPerName(20_000, 5)).toBeLessThan(2048);
  });

  test("the Aggregated row keeps its current percentiles; names keep theirs only when asked for", () => {
    const plain = statsAt(T0);
    const perEntry = new RequestStats({ clock: new FakeClock({ now: T0 }), currentPercentilesPerEntry: true });
    for (const stats of [plain, perEntry]) {
      stats.logRequest("GET", "/a", 100, 0, T0 + 0.5);
      stats.logRequest("GET", "/a", 7, 0, T0 + 1.5);
    }
    expect(plain.total.getCurrentResponseTimePercentile(0.5, T0 + 10.7)).toBe(7);
    expect(plain.find("/a", "GET")!.getCurrentResponseTimePercentile(0.5, T0 + 10.7)).toBeNull();
    expect(perEntry.find("/a", "GET")!.getCurrentResponseTimePercentile(0.5, T0 + 10.7)).toBe(7);
  });

  test("the same name under several methods gives one entry per method", () => {
    const stats = statsAt();
    for (const method of ["GET", "POST", "GET", "DELETE"]) stats.logRequest(method, "/x", 1, 0, T0);
    stats.logRequest("GET", "/y", 1, 0, T0);
    expect([...stats.entries()].map((e) => `${e.method} ${e.name} ${e.numRequests}`)).toEqual(["GET /x 2", "POST /x 1", "DELETE /x 1", "GET /y 1"]);
    expect([stats.find("/x", "POST")?.numRequests, stats.find("/x", "PUT"), stats.find("/y", "POST")]).toEqual([1, undefined, undefined]);
  });

  test(`reaching ${MANY_NAMES_WARNING_AT} names logs one warning naming the latest and suggesting name=`, () => {
    const stats = statsAt();
    const lines = collectLog(() => {
      for (let i = 0; i < MANY_NAMES_WARNING_AT * 2; i++) stats.logRequest("GET", `/item?id=${i}`, 1, 0, T0);
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`/WARNING/locust.stats: ${MANY_NAMES_WARNING_AT} distinct request names so far (the latest: "/item?id=${MANY_NAMES_WARNING_AT - 1}")`);
    expect(lines[0]).toContain(`name: "/item?id=[id]"`);
  });
});
