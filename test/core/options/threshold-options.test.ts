import { describe, expect, test } from "bun:test";
import { OptionError } from "../../../src/core/options/option-error.ts";
import { resolveOptions, type ResolveInput } from "../../../src/core/options/resolve.ts";
import { splitExpressionList } from "../../../src/core/options/values.ts";
import { createTempDir } from "./temp-dir.ts";

const isolated = { env: {}, cwd: "/nonexistent-locust-bun-cwd", home: "/nonexistent-locust-bun-home" };
const resolve = (argv: string[], extra: Partial<ResolveInput> = {}) => resolveOptions({ ...isolated, argv, ...extra }).options;

function problemsOf(argv: string[], extra: Partial<ResolveInput> = {}): { lines: string[]; exitCode: number } {
  try {
    resolveOptions({ ...isolated, argv, ...extra });
  } catch (error) {
    if (error instanceof OptionError) return { lines: error.message.split("\n"), exitCode: error.exitCode };
    throw error;
  }
  throw new Error("expected an OptionError");
}

describe("--threshold and its companions", () => {
  test("defaults: no thresholds, no abort, a 10 s grace, exit code 3, no JUnit file, no checks", () => {
    expect(resolve([])).toMatchObject({
      threshold: [],
      thresholdAbort: false,
      thresholdGrace: 10,
      exitCodeOnThreshold: 3,
      junitFile: undefined,
      checkRps: undefined,
      checkFailRatio: undefined,
      checkAvgResponseTime: undefined,
    });
  });

  test("is repeatable, one expression per use (spaces and commas kept), and leaves user class names alone", () => {
    const resolved = resolveOptions({ ...isolated, argv: ["--threshold", '"GET /a,b":p95<300', "--threshold=rps>=5", "MyUser", "--threshold", "p50<9"] });
    expect(resolved.options.threshold).toEqual(['"GET /a,b":p95<300', "rps>=5", "p50<9"]);
    expect(resolved.userClassNames).toEqual(["MyUser"]);
  });

  test("LOCUST_THRESHOLD is a comma list; commas inside a quoted row stay", () => {
    expect(resolve([], { env: { LOCUST_THRESHOLD: 'p95<300, "GET /a,b":p99<=500 ,fail_ratio<0.01' } }).threshold).toEqual([
      "p95<300",
      '"GET /a,b":p99<=500',
      "fail_ratio<0.01",
    ]);
  });

  test("Locust's precedence: locust.conf < package.json < LOCUST_THRESHOLD < command line", async () => {
    await using dir = await createTempDir();
    await dir.write("project/locust.conf", "threshold = [p95<1, p99<2]\nthreshold-grace = 30s\ncheck-rps = 7\n");
    const input = { cwd: `${dir.path}/project`, home: `${dir.path}/home`, env: {} };
    expect(resolveOptions({ ...input, argv: [] }).options).toMatchObject({ threshold: ["p95<1", "p99<2"], thresholdGrace: 30, checkRps: 7 });
    await dir.write("project/package.json", JSON.stringify({ locust: { threshold: ["avg<3", '"GET /x":p50<4'], "exit-code-on-threshold": 99 } }));
    expect(resolveOptions({ ...input, argv: [] }).options).toMatchObject({ threshold: ["avg<3", '"GET /x":p50<4'], exitCodeOnThreshold: 99 });
    const env = { LOCUST_THRESHOLD: "max<5", LOCUST_THRESHOLD_ABORT: "true" };
    expect(resolveOptions({ ...input, env, argv: [] }).options).toMatchObject({ threshold: ["max<5"], thresholdAbort: true });
    expect(resolveOptions({ ...input, env, argv: ["--threshold", "min<6"] }).options.threshold).toEqual(["min<6"]);
  });

  test("locust-plugins' flags and their environment variables", () => {
    expect(resolve(["--check-rps", "5", "--check-fail-ratio", "0.05", "--check-avg-response-time", "50"])).toMatchObject({
      checkRps: 5,
      checkFailRatio: 0.05,
      checkAvgResponseTime: 50,
    });
    const env = { LOCUST_CHECK_RPS: "2", LOCUST_CHECK_FAIL_RATIO: "0.1", LOCUST_CHECK_AVG_RESPONSE_TIME: "9" };
    expect(resolve([], { env })).toMatchObject({ checkRps: 2, checkFailRatio: 0.1, checkAvgResponseTime: 9 });
  });

  test("every malformed expression is one line naming it, before anything runs (exit code 2)", () => {
    expect(problemsOf(["--threshold", "p95<300", "--threshold", "p95x<3", "--threshold", "rps>fast"])).toEqual({
      lines: [
        "invalid threshold 'p95x<3': unknown metric 'p95x' (use p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests)",
        "invalid threshold 'rps>fast': 'fast' is not a number",
      ],
      exitCode: 2,
    });
    expect(problemsOf([], { env: { LOCUST_THRESHOLD: "latency<3" } }).lines).toEqual([
      "invalid threshold 'latency<3': unknown metric 'latency' (use p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests)",
    ]);
  });

  test("--threshold without a value, and a bad grace, are refused", () => {
    expect(problemsOf(["--threshold"]).lines).toEqual(["option --threshold expects a value <expr>"]);
    expect(problemsOf(["--threshold", "--headless"]).lines).toEqual(["option --threshold expects a value <expr>"]);
    expect(problemsOf(["--threshold-grace", "soon"]).lines[0]).toStartWith("invalid value for --threshold-grace: 'soon' is not a time span");
  });
});

describe("splitExpressionList", () => {
  test.each([
    ["a<1,b<2", ["a<1", "b<2"]],
    ["[a<1, b<2]", ["a<1", "b<2"]],
    ['["p95<300", "avg<50"]', ["p95<300", "avg<50"]],
    ["'GET /a,b':p95<1, p50<2", ["'GET /a,b':p95<1", "p50<2"]],
    [" , ", []],
  ])("%p → %p", (text, items) => {
    expect(splitExpressionList(text)).toEqual(items);
  });
});
