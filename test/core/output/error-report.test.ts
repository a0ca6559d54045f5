import { describe, expect, test } from "bun:test";
import { formatErrorReport } from "../../../src/core/output/error-report.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

describe("formatErrorReport", () => {
  test("lists occurrences and display names between Locust's separators, ending with an empty line", () => {
    const stats = new RequestStats({ clock: new FakeClock() });
    stats.logError("GET", "/some-path", new Error("Exception!"), 1);
    stats.logError("GET", "/some-path", new Error("Exception!"), 2);
    stats.logError("POST", "/x", "CatchResponseError('Got wrong response')", 3);
    const separator = `${"-".repeat(18)}|${"-".repeat(141)}`;
    expect(formatErrorReport(stats).split("\n")).toEqual([
      "Error report",
      // Expected lines from Locust's "%-18s %-100s" formats in Python.
      "# occurrences      Error                                                                                               ",
      separator,
      "2                  GET /some-path: Error('Exception!')                                                                 ",
      `${"1".padEnd(18)} ${"POST /x: CatchResponseError('Got wrong response')".padEnd(100)}`,
      separator,
      "",
    ]);
  });

  test("the separator follows the name width, and no errors give no report", () => {
    const stats = new RequestStats({ clock: new FakeClock() });
    expect(formatErrorReport(stats)).toBe("");
    stats.logError("GET", "/", "e", 1);
    expect(formatErrorReport(stats, { nameWidth: 20 }).split("\n")[2]).toBe(`${"-".repeat(18)}|${"-".repeat(81)}`);
  });
});
