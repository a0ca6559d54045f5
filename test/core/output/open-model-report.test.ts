import { describe, expect, test } from "bun:test";
import { formatStatsHistoryCsvHeader, formatStatsHistoryRows } from "../../../src/core/output/csv-rows.ts";
import { formatCorrectedStatsCsv } from "../../../src/core/output/corrected-csv.ts";
import { ConsolePrinter } from "../../../src/core/output/console-printer.ts";
import { serializeJsonEntries } from "../../../src/core/output/json-output.ts";
import { CORRECTED_TITLE, formatCorrectedPercentileTable, formatIterationLine } from "../../../src/core/output/open-model-report.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { createScheduleMark } from "../../../src/core/stats/schedule-mark.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
// Sorted corrected samples: 10 ×10, then 20, 30, … 100; Locust's rank rule picks from them.
const CORRECTED_ROW = /^GET +\/api +10 +40 +60 +70 +90 +100 +100 +100 +100 +100 +100 +19$/;

/** Ten requests of 10 ms, measured and corrected; the last one of a paced user stalled 100 ms at a 10 ms pace. */
function openModelStats(): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  const paced = createScheduleMark(10);
  for (let i = 0; i < 10; i++) {
    const ms = i === 9 ? 100 : 10;
    stats.logRequest("GET", "/api", ms, 0, T0);
    stats.corrected.record("GET", "/api", ms, paced);
  }
  stats.iterations.started = 190;
  stats.iterations.dropped = 10;
  return stats;
}

describe("open-model outputs", () => {
  test("a closed-model run without pacing prints and writes nothing extra", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    stats.logRequest("GET", "/", 5, 0, T0);
    expect(formatCorrectedPercentileTable(stats)).toBe("");
    expect(formatIterationLine(stats)).toBe("");
    expect(Object.keys(serializeJsonEntries(stats)[0]!)).not.toContain("dropped_iterations");
    const printed: string[] = [];
    new ConsolePrinter({ stats, write: (text) => void printed.push(text) }).printSummary();
    expect(printed.join("")).not.toContain("corrected");
  });

  test("the console summary adds the corrected table, labelled, next to the unchanged measured one", () => {
    const stats = openModelStats();
    const printed: string[] = [];
    new ConsolePrinter({ stats, write: (text) => void printed.push(text) }).printSummary();
    const text = printed.join("");
    const measured = text.split("\n").find((line) => line.startsWith("GET      /api") && line.includes("100    10"))!;
    // Locust's numbers for these ten samples: the top rank (90 % and up of ten) is the max.
    expect(measured).toEndWith("     10     10     10     10    100    100    100    100    100    100    100     10");
    const corrected = formatCorrectedPercentileTable(stats).split("\n");
    expect(corrected[0]).toBe(CORRECTED_TITLE);
    expect(corrected[1]).toEndWith("# samples");
    // 10 requests + 9 samples for the pace's missed starts (90, 80, … 10 ms): 19 in all.
    expect(corrected[3]).toMatch(CORRECTED_ROW);
    expect(text).toContain(CORRECTED_TITLE);
    expect(text).toContain("Iterations: 190 started, 10 dropped (5.00%)");
  });

  test("the periodic console table shows the iteration counts under the request table", () => {
    const printed: string[] = [];
    new ConsolePrinter({ stats: openModelStats(), write: (text) => void printed.push(text) }).printTable();
    expect(printed.join("")).toContain("\nIterations: 190 started, 10 dropped (5.00%)\n");
  });

  test("_stats_corrected.csv holds the corrected percentiles per entry and Aggregated", () => {
    const lines = formatCorrectedStatsCsv(openModelStats(), [0.5, 0.99]).split("\r\n");
    expect(lines.slice(0, 4)).toEqual([
      "Type,Name,Sample Count,Average Response Time,Max Response Time,50%,99%",
      "GET,/api,19,33.68421052631579,100.0,10,100",
      ",Aggregated,19,33.68421052631579,100.0,10,100",
      "",
    ]);
  });

  test("_stats_history.csv gets a trailing Dropped Iterations column in open-model runs only", () => {
    const stats = openModelStats();
    expect(formatStatsHistoryCsvHeader([0.5])).not.toContain("Dropped");
    expect(formatStatsHistoryCsvHeader([0.5], true)).toEndWith(",Total Average Content Size,Dropped Iterations\r\n");
    const row = formatStatsHistoryRows(stats, { now: T0, userCount: 3, percentiles: [0.5], droppedIterations: 10 });
    expect(row).toEndWith(",100,0.0,10\r\n");
    expect(formatStatsHistoryRows(stats, { now: T0, userCount: 3, percentiles: [0.5] })).toEndWith(",100,0.0\r\n");
  });

  test("--json entries carry the corrected percentiles and the run's dropped iterations", () => {
    const [entry] = serializeJsonEntries(openModelStats());
    expect(entry!.corrected_num_samples).toBe(19);
    expect(entry!.corrected_response_time_percentiles).toMatchObject({ "0.5": 10, "0.9": 90, "0.95": 100, "1": 100 });
    expect(entry!.dropped_iterations).toBe(10);
    expect(entry!.max_response_time).toBe(100);
    expect(entry!.num_requests).toBe(10);
  });
});
