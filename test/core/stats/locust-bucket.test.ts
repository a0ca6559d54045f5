import { describe, expect, test } from "bun:test";
import { bucketResponseTime } from "../../../src/core/stats/locust-bucket.ts";
import { findPython, runPython } from "../../support/python.ts";

describe("bucketResponseTime", () => {
  // Locust's test-suite vectors, then the half-to-even cases (reference §1.3).
  test.each([
    [0, 0], [45, 45], [99, 99], [1.4, 1], [1.5, 2], [99.9, 100], [100, 100], [147, 150], [999, 1000],
    [1000, 1000], [3432, 3400], [9999, 10000], [10000, 10000], [58760, 59000],
    [0.5, 0], [2.5, 2], [145, 140], [155, 160], [1450, 1400], [1550, 1600], [14500, 14000], [15500, 16000],
  ])("%p ms → key %p", (ms, key) => {
    expect(bucketResponseTime(ms)).toBe(key);
  });

  const python = findPython(["locust.stats"], "bucketing against Locust's own code");
  test.skipIf(python === null)("matches Locust's StatsEntry bucketing for random, fractional and halfway samples", async () => {
    const samples: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const magnitude = 10 ** (Math.random() * 6 - 1);
      samples.push(i % 3 === 0 ? Math.round(magnitude) : i % 3 === 1 ? Math.round(magnitude * 1000) / 1000 : magnitude);
    }
    for (const step of [1, 10, 100, 1000]) {
      for (let k = 0; k < 40; k++) samples.push((k + 0.5) * step, k * step * 10 + step / 2);
    }
    const script = `
import json, sys
from locust.stats import StatsEntry
entry = StatsEntry(None, "x", "GET")
keys = []
for ms in json.load(sys.stdin):
    entry.response_times = {}
    entry._log_response_time(ms)
    keys.append(next(iter(entry.response_times)))
print(json.dumps(keys))`;
    const keys = JSON.parse(await runPython(python!, script, JSON.stringify(samples))) as number[];
    expect(samples.map(bucketResponseTime)).toEqual(keys);
  });
});
