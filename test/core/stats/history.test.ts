import { describe, expect, test } from "bun:test";
import { StatsHistory } from "../../../src/core/stats/history.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

describe("StatsHistory", () => {
  test("a row holds the time, current rates, window percentiles, rounded average and user count", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (let i = 0; i < 9; i++) stats.logRequest("GET", "/", 10 + i, 0, T0 + 0.5);
    stats.logError("GET", "/", "x", T0 + 0.5);
    stats.logRequest("GET", "/", 20.004, 0, T0 + 4.5);
    const row = stats.history.record(stats, 7, T0 + 4.5);
    expect(row).toEqual({
      time: "2023-11-14T22:13:24Z",
      currentRps: 4.5,
      currentFailPerSec: 0.5,
      responseTimePercentile50: 15,
      responseTimePercentile95: 20,
      totalAvgResponseTime: 14.6,
      userCount: 7,
    });
    expect(stats.history.rows).toEqual([row]);
  });

  test("without a snapshot in reach the window percentiles are 0", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }), useResponseTimesCache: false });
    stats.logRequest("GET", "/", 10, 0, T0);
    const row = stats.history.record(stats, 1, T0 + 1);
    expect([row.responseTimePercentile50, row.responseTimePercentile95]).toEqual([0, 0]);
  });

  test("only the newest rows up to the capacity are kept", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    const history = new StatsHistory(3);
    for (let i = 0; i < 5; i++) history.record(stats, i, T0 + i * 5);
    expect(history.rows.map((r) => r.userCount)).toEqual([2, 3, 4]);
    history.clear();
    expect(history.rows).toEqual([]);
  });
});
