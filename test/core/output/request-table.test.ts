import { describe, expect, test } from "bun:test";
import { formatRequestTable } from "../../../src/core/output/request-table.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
/** Locust's header line at W = 80, copied from the behaviour reference (§1.9). */
const LOCUST_HEADER =
  "Type     Name                                                                          # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s";

/** 100 GET "/" samples 0..99 ms with one error, 7 POST "/x" samples, over one second (Locust's CSV example data). */
function exampleStats(): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  for (let ms = 0; ms < 100; ms++) stats.logRequest("GET", "/", ms, 2000 + ms, T0 + 0.5);
  stats.logError("GET", "/", new Error("boom"), T0 + 0.5);
  for (const ms of [100, 200, 300, 400, 500, 600, 601]) stats.logRequest("POST", "/x", ms, 0, T0 + 1);
  stats.logError("POST", "/x", "x", T0 + 1);
  return stats;
}

describe("formatRequestTable", () => {
  test("header and separator match Locust's at W = 80", () => {
    const [header, separator] = formatRequestTable(exampleStats()).split("\n");
    expect(header).toBe(LOCUST_HEADER);
    expect(separator).toBe(
      ["-".repeat(8), "-".repeat(76), "-".repeat(7), "-".repeat(13), ...Array(4).fill("-".repeat(7)), "-".repeat(8), "-".repeat(11)].join("|"),
    );
  });

  test("the median cell is rounded like the CSV's and the percentile table's (avg, min and max are truncated)", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const ms of [0.5, 1.5, 2.5, 145, 155]) stats.logRequest("GET", "/m", ms, 0, T0);
    const cells = formatRequestTable(stats, { current: false }).split("\n")[2]!.split("|")[1]!.trim().split(/ +/);
    expect(cells).toEqual(["60", "0", "155", String(Math.round(stats.find("/m", "GET")!.medianResponseTime))]);
    expect(cells[3]).toBe("3");
  });

  test("the final table shows whole-run rates with Locust's row layout (expected lines from Python's % formatting)", () => {
    const lines = formatRequestTable(exampleStats(), { current: false }).split("\n");
    expect(lines.length).toBe(6);
    expect(lines[2]).toBe(
      "GET      /                                                                                100     1(1.00%) |     49       0      99     49 |  100.00        1.00",
    );
    expect(lines[4]).toBe(lines[1]);
    expect(lines[5]).toBe(
      "         Aggregated                                                                       107     2(1.87%) |     71       0     601     53 |  107.00        2.00",
    );
  });

  test("the periodic table shows current rates", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (let i = 0; i < 9; i++) stats.logRequest("GET", "/", 5, 0, T0 + 0.1);
    for (let i = 0; i < 3; i++) stats.logError("GET", "/", "e", T0 + 0.1);
    stats.logRequest("GET", "/other", 5, 0, T0 + 4.2);
    const row = formatRequestTable(stats, { current: true }).split("\n")[2]!;
    expect(row.endsWith("|    4.50        1.50")).toBe(true);
  });

  test("a narrower name width shrinks the name column, and long names are never cut", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const ms of [100, 200, 300, 400, 500, 600, 601]) stats.logRequest("POST", "/a-very-long-name-here", ms, 0, T0 + 28);
    stats.logError("POST", "/a-very-long-name-here", "e", T0 + 28);
    stats.logRequest("GET", "/zzz", null, 0, T0 + 56);
    const lines = formatRequestTable(stats, { current: false, nameWidth: 20 }).split("\n");
    expect(lines[0]).toBe("Type     Name              # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s");
    expect(lines[1]).toBe("--------|----------------|-------|-------------|-------|-------|-------|-------|--------|-----------");
    expect(lines[2]).toBe(
      "POST     /a-very-long-name-here       7    1(14.29%) |    385     100     601    400 |    0.12        0.02",
    );
  });

  test("a name width below 4 behaves like Python's negative width (left-justified to |W − 4|)", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    stats.logRequest("GET", "/", 1, 0, T0);
    const row = formatRequestTable(stats, { nameWidth: 2 }).split("\n")[2]!;
    expect(row.startsWith("GET      /        1 ")).toBe(true);
  });
});
