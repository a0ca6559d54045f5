import { describe, expect, test } from "bun:test";
import { formatPercentileTable } from "../../../src/core/output/percentile-table.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
// Expected lines produced by Locust's format strings in Python.
const HEADER =
  "Type     Name                                                                                  50%    66%    75%    80%    90%    95%    98%    99%  99.9% 99.99%   100% # reqs";
const SEPARATOR =
  "--------|--------------------------------------------------------------------------------|--------|------|------|------|------|------|------|------|------|------|------|------";

function statsWith(samples: Record<string, (number | null)[]>): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  for (const [name, list] of Object.entries(samples)) for (const ms of list) stats.logRequest("GET", name, ms, 0, T0);
  return stats;
}

describe("formatPercentileTable", () => {
  test("title, header and separator match Locust's at W = 80", () => {
    const lines = formatPercentileTable(statsWith({ "/": [122] })).split("\n");
    expect(lines.slice(0, 3)).toEqual(["Response time percentiles (approximated)", HEADER, SEPARATOR]);
    expect(lines[4]).toBe(SEPARATOR);
  });

  test.each([
    [122, "122"],
    [127, "127"],
  ])("a single sample %d prints %s in every column (Locust rounds it to 120 / 130)", (ms, cell) => {
    const row = formatPercentileTable(statsWith({ "/": [ms] })).split("\n")[3]!;
    expect(row).toBe(`GET      ${"/".padEnd(80)} ${cell.padStart(8)} ${Array(10).fill(cell.padStart(6)).join(" ")}      1`);
  });

  test("a custom percentile list with one 150 sample prints four 150s and the count", () => {
    const lines = formatPercentileTable(statsWith({ "/": [150] }), { percentiles: [0.5, 0.9, 0.95, 0.99] }).split("\n");
    expect(lines[1]).toBe(`Type     ${"Name".padEnd(80)}      50%    90%    95%    99% # reqs`);
    expect(lines[3]).toBe(`GET      ${"/".padEnd(80)}      150    150    150    150      1`);
    expect(lines[2]).toBe(`--------|${"-".repeat(80)}|--------|------|------|------|------`);
  });

  test("entries with only None samples get no row; Aggregated is last", () => {
    const lines = formatPercentileTable(statsWith({ "/none": [null], "/a": [1, 2, 3] })).split("\n");
    expect(lines.length).toBe(6);
    expect(lines[3]!.startsWith("GET      /a ")).toBe(true);
    expect(lines[5]!.startsWith("         Aggregated ")).toBe(true);
    expect(lines[5]!.endsWith("      4")).toBe(true);
  });

  test("a table of no timed requests has no Aggregated row", () => {
    expect(formatPercentileTable(statsWith({})).split("\n").length).toBe(4);
  });
});
