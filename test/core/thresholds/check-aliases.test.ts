import { describe, expect, test } from "bun:test";
import { collectOptionThresholds, formatCheckThresholds } from "../../../src/core/thresholds/index.ts";

describe("locust-plugins' --check-* options as thresholds", () => {
  test.each([
    [{}, []],
    [{ checkRps: 5 }, ["rps>=5"]],
    [{ checkFailRatio: 0.05 }, ["fail_ratio<=0.05"]],
    [{ checkAvgResponseTime: 50 }, ["avg<=50"]],
    // locust-plugins only checks the average when the limit is above 0.
    [{ checkAvgResponseTime: 0 }, []],
    [{ checkAvgResponseTime: -1 }, []],
    [{ checkRps: 5, checkFailRatio: 0.05, checkAvgResponseTime: 50 }, ["fail_ratio<=0.05", "rps>=5", "avg<=50"]],
  ])("%p → %p", (options, expressions) => {
    expect(formatCheckThresholds(options)).toEqual(expressions);
  });

  test("--threshold values come first, then the aliases", () => {
    expect(collectOptionThresholds({ threshold: ["p95<300"], checkRps: 1 })).toEqual(["p95<300", "rps>=1"]);
  });
});
