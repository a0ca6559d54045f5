import { describe, expect, test } from "bun:test";
import {
  formatCsvLine,
  formatExceptionsCsv,
  formatFailuresCsv,
  formatStatsCsv,
  formatStatsCsvHeader,
  formatStatsHistoryCsvHeader,
  formatStatsHistoryRows,
} from "../../../src/core/output/csv-rows.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;
const PERCENTILE_LABELS = "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

/** Locust's §1.8 example: 100 GET "/" samples 0..99 ms (2000+i bytes, 1 error) plus 7 timed samples elsewhere. */
function exampleStats(): RequestStats {
  const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
  for (let ms = 0; ms < 100; ms++) stats.logRequest("GET", "/", ms, 2000 + ms, T0 + 0.5);
  stats.logError("GET", "/", "boom", T0 + 0.5);
  for (const ms of [45, 135, 44, 375, 601, 35, 79]) stats.logRequest("GET", "test_entry", ms, 1, T0 + 2);
  stats.logError("GET", "test_entry", "boom", T0 + 2);
  return stats;
}

describe("headers are byte-identical to Locust's", () => {
  test("_stats.csv", () => {
    expect(formatStatsCsvHeader()).toBe(
      "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time," +
        `Max Response Time,Average Content Size,Requests/s,Failures/s,${PERCENTILE_LABELS}\r\n`,
    );
  });

  test("_stats_history.csv", () => {
    expect(formatStatsHistoryCsvHeader()).toBe(
      `Timestamp,User Count,Type,Name,Requests/s,Failures/s,${PERCENTILE_LABELS},Total Request Count,` +
        "Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time," +
        "Total Max Response Time,Total Average Content Size\r\n",
    );
  });

  test("_failures.csv and _exceptions.csv", () => {
    expect(formatFailuresCsv(new RequestStats())).toBe("Method,Name,Error,Occurrences,First Seen,Last Seen\r\n");
    expect(formatExceptionsCsv([])).toBe("Count,Message,Traceback,Nodes\r\n");
  });
});

describe("_stats.csv rows", () => {
  test("entry and Aggregated rows match Locust's example values", () => {
    const lines = formatStatsCsv(exampleStats()).split("\r\n");
    expect(lines[1]).toBe(`GET,/,100,1,49,49.5,0,99,2049.5,50.0,0.5,50,66,75,80,90,95,98,99,99,99,99`);
    expect(lines[3]!.startsWith(",Aggregated,107,2,50,58.54205607476636,0,601,")).toBe(true);
    expect(lines.length).toBe(5);
    expect(lines[4]).toBe("");
  });

  test("an entry without requests has N/A percentiles and zero cells in Python's forms", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    stats.get("/idle", "GET");
    expect(formatStatsCsv(stats).split("\r\n")[1]).toBe(
      `GET,/idle,0,0,0,0.0,0,0,0,0.0,0.0,${Array(11).fill("N/A").join(",")}`,
    );
  });

  test("fractional min and max print as Python floats; percentile cells round to integer ms", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const ms of [1.1, 1.99, 3.1]) stats.logRequest("GET", "/d", ms, 3, T0 + 2);
    const cells = formatStatsCsv(stats).split("\r\n")[1]!.split(",");
    expect(cells.slice(2, 11)).toEqual(["3", "0", "2", "2.063333333333333", "1.1", "3.1", "3.0", "1.5", "0.0"]);
    expect(cells.slice(11)).toEqual(["2", "2", "3", "3", "3", "3", "3", "3", "3", "3", "3"]);
  });
});

describe("_stats_history.csv rows", () => {
  function historyStats(currentPercentilesPerEntry = false): RequestStats {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }), currentPercentilesPerEntry });
    for (let i = 0; i < 9; i++) stats.logRequest("GET", "/a", 100, 10, T0 + 0.5);
    for (let i = 0; i < 3; i++) stats.logError("GET", "/a", "e", T0 + 0.5);
    stats.logRequest("GET", "/b", 7, 10, T0 + 1.5);
    stats.logRequest("GET", "/b", 8, 10, T0 + 4.5);
    return stats;
  }

  test("by default one Aggregated row with current rates (6 decimals) and whole-run percentiles", () => {
    const rows = formatStatsHistoryRows(historyStats(), { now: T0 + 4.7, userCount: 3 });
    expect(rows).toBe(
      `${T0 + 4},3,,Aggregated,5.000000,1.500000,100,100,100,100,100,100,100,100,100,100,100,11,3,100,83.18181818181819,7,100,10.0\r\n`,
    );
  });

  test("with full history a row per entry, then Aggregated, with current-window percentiles", () => {
    const rows = formatStatsHistoryRows(historyStats(true), { now: T0 + 10.7, userCount: 3, fullHistory: true }).split("\r\n");
    expect(rows.map((r) => r.split(",").slice(2, 4).join(","))).toEqual(["GET,/a", "GET,/b", ",Aggregated", ""]);
    // Aggregated's snapshot 10 s back holds /a's burst, so its window is /b's 7 and 8 ms; /a's own snapshot is the
    // empty one from its creation, so its window is the whole burst.
    expect(rows[2]!.split(",").slice(6, 17)).toEqual(Array(11).fill("8"));
    expect(rows[1]!.split(",").slice(6, 17)).toEqual(Array(11).fill("8"));
    expect(rows[0]!.split(",").slice(6, 17)).toEqual(Array(11).fill("100"));
  });
});

describe("_failures.csv and _exceptions.csv rows", () => {
  test("failure rows are ordered by Locust's SHA-256 key with UTC first/last seen", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    stats.logError("GET", "/x", "boom", T0 + 1);
    stats.logError("GET", "/some-path", new Error("Exception!"), T0 + 2);
    stats.logError("GET", "/x", "boom", T0 + 65);
    const keysInOrder = stats.errors.sortedByLocustKey().map((e) => e.name);
    const lines = formatFailuresCsv(stats).split("\r\n").slice(1, -1);
    expect(lines.map((l) => l.split(",")[1])).toEqual(keysInOrder);
    expect(lines).toContain("GET,/x,boom,2,2023-11-14T22:13:21Z,2023-11-14T22:14:25Z");
    expect(lines).toContain("GET,/some-path,Error('Exception!'),1,2023-11-14T22:13:22Z,2023-11-14T22:13:22Z");
  });

  test("exception rows quote multi-line tracebacks and join nodes with a comma and space", () => {
    const text = formatExceptionsCsv([
      { count: 2, msg: 'bad "value"', traceback: "at a\nat b", nodes: new Set(["local", "w1"]) },
    ]);
    expect(text).toBe('Count,Message,Traceback,Nodes\r\n2,"bad ""value""","at a\nat b","local, w1"\r\n');
  });

  test.each([
    [["a", "b"], "a,b\r\n"],
    [["", "Aggregated"], ",Aggregated\r\n"],
    [["x,y", 'q"'], '"x,y","q"""\r\n'],
    [["cr\rhere"], '"cr\rhere"\r\n'],
  ])("formatCsvLine(%j) quotes minimally", (cells, line) => {
    expect(formatCsvLine(cells)).toBe(line);
  });
});
