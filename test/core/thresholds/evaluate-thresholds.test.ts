import { describe, expect, test } from "bun:test";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { evaluateThresholds, findThresholdRow, parseThreshold } from "../../../src/core/thresholds/index.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

/**
 * 10 s of traffic: GET /a answers 1..100 ms (one each), POST /a 20 × 200 ms with 5 failures, MQTT publishes
 * 30 × 10 ms on "topic/x". 150 requests over 10 s.
 */
function createKnownStats(): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  for (let i = 0; i < 20; i++) {
    stats.logRequest("POST", "/a", 200, 0, T0 + 5);
    if (i < 5) stats.logError("POST", "/a", new Error("500"), T0 + 5);
  }
  for (let i = 0; i < 30; i++) stats.logRequest("mqtt", "topic/x", 10, 0, T0 + 5);
  // Logged last: the last request (T0 + 10) closes the span rates are measured over.
  for (let i = 0; i < 100; i++) stats.logRequest("GET", "/a", i + 1, 10, T0 + (i + 1) / 10);
  return stats;
}

function check(stats: RequestStats, expression: string) {
  return evaluateThresholds([parseThreshold(expression)], stats)[0]!;
}

describe("evaluation against known stats", () => {
  const stats = createKnownStats();
  test.each([
    // Locust's rule on 1..100 ms: the smallest key with at most int(n·p) requests below it counted from the top
    // (p95 → 96, p50 → 51); its median is the lower-middle sample (50). The histogram is exact below 256 ms.
    ['"GET /a":p95<=96', 96, true],
    ['"GET /a":p95<96', 96, false],
    ['"GET /a":p50==51', 51, true],
    ['"GET /a":median==50', 50, true],
    ['"GET /a":p99==100', 100, true],
    ['"GET /a":p100==100', 100, true],
    ['"GET /a":avg==50.5', 50.5, true],
    ['"GET /a":min>=1', 1, true],
    ['"GET /a":max<100', 100, false],
    // A name alone merges its methods exactly: 1..100 plus 20 × 200 ms.
    ["/a:requests==120", 120, true],
    ["/a:p50==61", 61, true],
    ["/a:p99==200", 200, true],
    // A request type alone merges its rows.
    ["mqtt:avg==10", 10, true],
    ["mqtt:requests<30", 30, false],
    ['"POST /a":fail_ratio==0.25', 0.25, true],
    ['"POST /a":failures==5', 5, true],
    // The aggregate: 150 requests over the 10 s from the stats' start to the last request.
    ["rps==15", 15, true],
    ["rps>=20", 15, false],
    ["Aggregated:requests==150", 150, true],
    ["fail_ratio<0.034", 5 / 150, true],
    ["fail_ratio<3%", 5 / 150, false],
    ["failures<5", 5, false],
  ])("%p → actual %p, passed %p", (expression, actual, passed) => {
    expect(check(stats, expression)).toEqual({ expression, actual, passed });
  });

  test("a row with no requests (or none by that name) has no data and fails", () => {
    expect(check(stats, '"GET /nope":p95<1000')).toEqual({ expression: '"GET /nope":p95<1000', actual: null, passed: false });
    expect(check(stats, "nope:failures==0")).toEqual({ expression: "nope:failures==0", actual: null, passed: false });
    const empty = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    expect(check(empty, "p95<1000")).toEqual({ expression: "p95<1000", actual: null, passed: false });
  });

  test("the aggregate's percentiles are the same numbers as the entry's own (the CSV reads those)", () => {
    expect(check(stats, "p99.9<1e9").actual).toBe(stats.total.getResponseTimePercentile(0.999));
    expect(check(stats, "median<1e9").actual).toBe(stats.total.medianResponseTime);
  });
});

describe("findThresholdRow", () => {
  const stats = createKnownStats();
  test("an exact METHOD name row wins; a name alone or a type alone merge; a single match is the entry itself", () => {
    expect(findThresholdRow(stats, "GET /a")).toBe(stats.find("/a", "GET")!);
    expect(findThresholdRow(stats, "topic/x")).toBe(stats.find("topic/x", "mqtt")!);
    expect(findThresholdRow(stats, undefined)).toBe(stats.total);
    expect(findThresholdRow(stats, "/a")?.numRequests).toBe(120);
    expect(findThresholdRow(stats, "GET")).toBe(stats.find("/a", "GET")!);
    expect(findThresholdRow(stats, "DELETE /a")).toBeUndefined();
  });

  test("merging for a threshold leaves the stats untouched", () => {
    findThresholdRow(stats, "/a");
    expect(stats.find("/a", "GET")!.numRequests).toBe(100);
    expect(stats.total.numRequests).toBe(150);
  });
});
