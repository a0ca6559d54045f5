import { describe, expect, test } from "bun:test";
import { parseThreshold, parseThresholds, ThresholdError } from "../../../src/core/thresholds/index.ts";

describe("parseThreshold: valid expressions", () => {
  test.each([
    ["p95<300", undefined, "p95", { kind: "percentile", p: 0.95 }, "<", 300],
    ["  p99.99 <= 1200 ", undefined, "p99.99", { kind: "percentile", p: 0.9999 }, "<=", 1200],
    ["p(95)<200", undefined, "p(95)", { kind: "percentile", p: 0.95 }, "<", 200],
    ["p100<5", undefined, "p100", { kind: "percentile", p: 1 }, "<", 5],
    ["fail_ratio<0.01", undefined, "fail_ratio", { kind: "fail_ratio" }, "<", 0.01],
    ["fail_ratio<1%", undefined, "fail_ratio", { kind: "fail_ratio" }, "<", 0.01],
    ["rps>=1000", undefined, "rps", { kind: "rps" }, ">=", 1000],
    ["avg<0.5s", undefined, "avg", { kind: "avg" }, "<", 500],
    ["median<40ms", undefined, "median", { kind: "median" }, "<", 40],
    ["min>1e-1", undefined, "min", { kind: "min" }, ">", 0.1],
    ["max!=0", undefined, "max", { kind: "max" }, "!=", 0],
    ["failures==0", undefined, "failures", { kind: "failures" }, "==", 0],
    ["requests>10", undefined, "requests", { kind: "requests" }, ">", 10],
    ['"GET /items":p99<=500', "GET /items", "p99", { kind: "percentile", p: 0.99 }, "<=", 500],
    ["'GET /a:b<c>':avg<5", "GET /a:b<c>", "avg", { kind: "avg" }, "<", 5],
    ["GET /items:p50<100", "GET /items", "p50", { kind: "percentile", p: 0.5 }, "<", 100],
    ["mqtt:avg<50", "mqtt", "avg", { kind: "avg" }, "<", 50],
    ["http://h/x:rps>1", "http://h/x", "rps", { kind: "rps" }, ">", 1],
    [":p95<3", undefined, "p95", { kind: "percentile", p: 0.95 }, "<", 3],
  ])("%p", (text, row, metricName, metric, comparator, limit) => {
    expect(parseThreshold(text)).toEqual({ expression: text.trim(), row, metricName, metric, comparator, limit } as never);
  });
});

describe("parseThreshold: invalid expressions give one line naming them", () => {
  test.each([
    ["p95", "invalid threshold 'p95': expected [ROW:]METRIC OP NUMBER, e.g. p95<300 or \"GET /items\":p99<=500"],
    ["p95=300", "invalid threshold 'p95=300': expected [ROW:]METRIC OP NUMBER, e.g. p95<300 or \"GET /items\":p99<=500"],
    ["p95x<3", "invalid threshold 'p95x<3': unknown metric 'p95x' (use p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests)"],
    ["latency<3", "invalid threshold 'latency<3': unknown metric 'latency' (use p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests)"],
    ["<3", "invalid threshold '<3': no metric before the comparison (use p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests)"],
    ["p0<3", "invalid threshold 'p0<3': percentile p0 must be above 0 and at most 100"],
    ["p101<3", "invalid threshold 'p101<3': percentile p101 must be above 0 and at most 100"],
    ["p95<fast", "invalid threshold 'p95<fast': 'fast' is not a number"],
    ["p95<", "invalid threshold 'p95<': '' is not a number"],
    ["rps>10ms", "invalid threshold 'rps>10ms': the unit 'ms' does not fit the metric"],
    ["avg<5%", "invalid threshold 'avg<5%': the unit '%' does not fit the metric"],
    ['"GET /x:p95<3', "invalid threshold '\"GET /x:p95<3': the row name has no closing \""],
    ['"GET /x"p95<3', "invalid threshold '\"GET /x\"p95<3': expected ':' and a metric after the quoted row name"],
  ])("%p", (text, message) => {
    expect(() => parseThreshold(text)).toThrow(message);
    try {
      parseThreshold(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ThresholdError);
      expect((error as ThresholdError).exitCode).toBe(2);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});

test("a value that is not a string (plain-JavaScript locustfiles) is refused the same way", () => {
  expect(() => parseThreshold(300 as unknown as string)).toThrow("invalid threshold '300': a threshold must be a string like p95<300");
});

test("parseThresholds keeps the good ones and reports every bad one, in order", () => {
  const { thresholds, problems } = parseThresholds(["p95<3", "nope", "rps>1", "p95<x"]);
  expect(thresholds.map((t) => t.expression)).toEqual(["p95<3", "rps>1"]);
  expect(problems.map((p) => p.message)).toEqual([
    "invalid threshold 'nope': expected [ROW:]METRIC OP NUMBER, e.g. p95<300 or \"GET /items\":p99<=500",
    "invalid threshold 'p95<x': 'x' is not a number",
  ]);
});
