import type { RequestStats, StatsEntry } from "../stats/index.ts";
import { formatFixed, formatTruncatedInt, padLeft, padRight } from "../python/index.ts";

/** Locust's STATS_TYPE_WIDTH. */
const TYPE_WIDTH = 8;
/** Locust's default STATS_NAME_WIDTH (when stdout is not a terminal). */
export const DEFAULT_NAME_WIDTH = 80;

/** Options of {@link formatRequestTable}. */
export interface RequestTableOptions {
  /** true: current req/s and failures/s (the periodic table); false: whole-run rates (the final summary). */
  current?: boolean;
  /** Locust's STATS_NAME_WIDTH (W); the name column is W − 4 wide. Default 80. */
  nameWidth?: number;
}

/**
 * Locust's request table: header, separator, one row per entry sorted by name then method, separator, the
 * Aggregated row. Lines are joined with "\n" (no trailing newline). Avg, min and max are truncated to integers as
 * Locust's `%d` does; the median is rounded, as the CSV and the percentile table round it (Locust's median is an
 * already-rounded histogram key, so `%d` leaves it as it is).
 * @see https://docs.locust.io/en/stable/quickstart.html
 */
export function formatRequestTable(stats: RequestStats, options: RequestTableOptions = {}): string {
  const current = options.current ?? true;
  const nameWidth = options.nameWidth ?? DEFAULT_NAME_WIDTH;
  // Python's "%-{n}s" with a negative n ("%--4s") is a left-justified width of |n|.
  const nameColumn = Math.abs(nameWidth - TYPE_WIDTH + 4);
  const header =
    `${padRight("Type", TYPE_WIDTH)} ${padRight("Name", nameColumn)} ${padLeft("# reqs", 7)} ${padLeft("# fails", 12)} ` +
    `|${padLeft("Avg", 7)} ${padLeft("Min", 7)} ${padLeft("Max", 7)}${padLeft("Med", 7)} | ` +
    `${padLeft("req/s", 7)} ${padLeft("failures/s", 11)}`;
  const dashes = (n: number) => "-".repeat(Math.max(n, 0));
  const separator = [TYPE_WIDTH, nameWidth - TYPE_WIDTH + 4, 7, 13, 7, 7, 7, 7, 8, 11].map(dashes).join("|");
  const row = (entry: StatsEntry) => formatRow(entry, nameColumn, current);
  return [header, separator, ...stats.sortedEntries().map(row), separator, row(stats.total)].join("\n");
}

function formatRow(entry: StatsEntry, nameColumn: number, current: boolean): string {
  const rps = current ? entry.currentRps : entry.totalRps;
  const failPerSec = current ? entry.currentFailPerSec : entry.totalFailPerSec;
  const failures = `${entry.numFailures}(${formatFixed(entry.failRatio * 100, 2)}%)`;
  const ints = [entry.avgResponseTime, entry.minResponseTime ?? 0, entry.maxResponseTime].map((v) =>
    padLeft(formatTruncatedInt(v), 7),
  );
  return (
    `${padRight(entry.method ? `${entry.method} ` : "", TYPE_WIDTH)} ${padRight(entry.name, nameColumn)} ` +
    `${padLeft(String(entry.numRequests), 7)} ${padLeft(failures, 12)} |${ints.join(" ")}` +
    `${padLeft(String(Math.round(entry.medianResponseTime)), 7)} | ` +
    `${padLeft(formatFixed(rps, 2), 7)} ${padLeft(formatFixed(failPerSec, 2), 11)}`
  );
}
