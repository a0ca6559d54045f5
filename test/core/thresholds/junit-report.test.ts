import { describe, expect, test } from "bun:test";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { formatJunitReport } from "../../../src/core/thresholds/index.ts";
import { checkJunitShape, junitPython } from "../../support/junit-schema.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

function createStats(): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  stats.logRequest("GET", "/ok", 5, 0, T0 + 1);
  stats.logRequest("POST", "/x?a=1&b=<2>", 5, 0, T0 + 2);
  stats.logError("POST", "/x?a=1&b=<2>", new Error("boom"), T0 + 2);
  return stats;
}

describe.skipIf(junitPython === null)("formatJunitReport", () => {
  test("one case per threshold, failing ones with their actual value; the XML has the common JUnit shape", async () => {
    const xml = formatJunitReport({
      stats: createStats(),
      results: [
        { expression: "p95<300", actual: 5, passed: true },
        { expression: '"POST /x?a=1&b=<2>":fail_ratio<0.5', actual: 1, passed: false },
        { expression: '"GET /gone":p95<1', actual: null, passed: false },
      ],
      duration: 2,
      startTime: T0,
    });
    expect(await checkJunitShape(junitPython!, xml)).toEqual({
      problems: [],
      suites: [
        {
          name: "locust-bun",
          tests: 3,
          failures: 2,
          cases: [
            { name: "p95<300", classname: "thresholds", failure: null },
            { name: '"POST /x?a=1&b=<2>":fail_ratio<0.5', classname: "thresholds", failure: '"POST /x?a=1&b=<2>":fail_ratio<0.5 failed: actual 1' },
            { name: '"GET /gone":p95<1', classname: "thresholds", failure: '"GET /gone":p95<1 failed: actual no data' },
          ],
        },
      ],
    });
    expect(xml).toContain('time="2.000" timestamp="2023-11-14T22:13:20"');
  });

  test("without thresholds: one case per request row, failing when the row had failures", async () => {
    const xml = formatJunitReport({ stats: createStats(), results: [], duration: 2, startTime: T0 });
    const shape = await checkJunitShape(junitPython!, xml);
    expect(shape.problems).toEqual([]);
    expect(shape.suites[0]!.cases).toEqual([
      { name: "GET /ok", classname: "requests", failure: null },
      { name: "POST /x?a=1&b=<2>", classname: "requests", failure: "1 of 1 requests failed" },
    ]);
  });

  test("characters XML cannot hold are dropped, so the file still parses", async () => {
    const xml = formatJunitReport({ stats: createStats(), results: [{ expression: "bell\u0007:p95<1", actual: 2, passed: false }], duration: 0, startTime: T0 });
    const shape = await checkJunitShape(junitPython!, xml);
    expect(shape.problems).toEqual([]);
    expect(shape.suites[0]!.cases[0]!.name).toBe("bell:p95<1");
  });
});
