import { describe, expect, test } from "bun:test";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { parseThreshold, ThresholdAbort, type ThresholdResult } from "../../../src/core/thresholds/index.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

function setUp(expressions: string[], graceSeconds = 10) {
  const clock = new FakeClock({ now: T0 });
  const stats = new RequestStats({ clock });
  const aborts: ThresholdResult[] = [];
  const abort = new ThresholdAbort({ thresholds: expressions.map(parseThreshold), stats, clock, graceSeconds, onAbort: (r) => aborts.push(r) });
  return { clock, stats, abort, aborts };
}

describe("ThresholdAbort", () => {
  test("waits out the grace period, then stops at the first failing check, once", async () => {
    const { clock, stats, abort, aborts } = setUp(["p95<100", "fail_ratio<0.5"]);
    abort.start();
    stats.logRequest("GET", "/", 500, 0, T0 + 1);
    await clock.advance(9_999);
    expect(aborts).toEqual([]);
    await clock.advance(1);
    expect(aborts).toEqual([{ expression: "p95<100", actual: 500, passed: false }]);
    expect(abort.triggered).toEqual(aborts[0]);
    await clock.advance(5_000);
    expect(aborts).toHaveLength(1);
    expect(clock.pendingSleeps).toBe(0);
  });

  test("checks once a second after the grace period, on the stats so far", async () => {
    const { clock, stats, abort, aborts } = setUp(["fail_ratio<0.5"], 2);
    abort.start();
    stats.logRequest("GET", "/", 5, 0, T0 + 1);
    await clock.advance(4_000);
    expect(aborts).toEqual([]);
    stats.logRequest("GET", "/", 5, 0, T0 + 4);
    stats.logError("GET", "/", new Error("x"), T0 + 4);
    stats.logError("GET", "/", new Error("x"), T0 + 4);
    await clock.advance(1_000);
    expect(aborts).toEqual([{ expression: "fail_ratio<0.5", actual: 1, passed: false }]);
  });

  test("never stops for a count still growing toward passing, nor for a row with no data yet", async () => {
    const { clock, stats, abort, aborts } = setUp(["requests>=1000", "failures>1", '"GET /later":p95<1'], 0);
    abort.start();
    stats.logRequest("GET", "/", 5, 0, T0 + 1);
    await clock.advance(10_000);
    expect(aborts).toEqual([]);
    expect(abort.check()).toBeUndefined();
    abort.stop();
    expect(clock.pendingSleeps).toBe(0);
  });

  test("a count that can only get worse does stop the run", () => {
    const { stats, abort } = setUp(["failures<2"]);
    stats.logRequest("GET", "/", 5, 0, T0 + 1);
    stats.logError("GET", "/", new Error("x"), T0 + 1);
    stats.logError("GET", "/", new Error("x"), T0 + 1);
    expect(abort.check()).toEqual({ expression: "failures<2", actual: 2, passed: false });
  });

  test("stop() before the grace period ends means no check at all", async () => {
    const { clock, stats, abort, aborts } = setUp(["p95<1"], 1);
    stats.logRequest("GET", "/", 500, 0, T0 + 1);
    abort.start();
    abort.stop();
    await clock.advance(5_000);
    expect(aborts).toEqual([]);
  });
});

test("a new test re-arms it after it stopped one (the web UI's next run)", async () => {
  const { clock, stats, abort, aborts } = setUp(["p95<1"], 1);
  stats.logRequest("GET", "/", 500, 0, T0 + 1);
  abort.start();
  await clock.advance(1_000);
  expect(aborts).toHaveLength(1);
  abort.start();
  await clock.advance(1_000);
  expect(aborts).toHaveLength(2);
});
