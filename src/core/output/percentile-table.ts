import { PERCENTILES_TO_REPORT } from "../stats/index.ts";
import type { RequestStats, StatsEntry } from "../stats/index.ts";
import { formatPercentileLabel } from "./percentile-label.ts";
import { padLeft, padRight } from "../python/index.ts";
import { DEFAULT_NAME_WIDTH } from "./request-table.ts";

const TYPE_WIDTH = 8;

/** Options of {@link formatPercentileTable}. */
export interface PercentileTableOptions {
  /** Locust's STATS_NAME_WIDTH (W); this table's name column is the full W. Default 80. */
  nameWidth?: number;
  /** Percentiles (0..1) to show. Default Locust's PERCENTILES_TO_REPORT. */
  percentiles?: readonly number[];
}

/** What a percentile row reads: a measured entry or a corrected one. */
export interface PercentileRowSource {
  readonly method: string;
  readonly name: string;
  readonly histogram: { readonly count: number };
  getResponseTimePercentile(p: number): number;
}

/** The rows of one percentile table: a title, the entries, the total, and what the last column counts. */
export interface PercentileTableRows<E extends PercentileRowSource> {
  title: string;
  entries: readonly E[];
  total: E;
  countLabel: string;
  count: (entry: E) => number;
}

/**
 * Locust's "Response time percentiles (approximated)" table: rows for entries with at least one timed request,
 * separator, the Aggregated row. Percentiles are whole-run values rounded to integer ms (ours carry sub-ms
 * precision; the console keeps Locust's integer columns). Lines joined with "\n".
 */
export function formatPercentileTable(stats: RequestStats, options: PercentileTableOptions = {}): string {
  const rows: PercentileTableRows<StatsEntry> = {
    title: "Response time percentiles (approximated)",
    entries: stats.sortedEntries(),
    total: stats.total,
    countLabel: "# reqs",
    count: (entry) => entry.numRequests,
  };
  return formatPercentileRows(rows, options);
}

/** The percentile table layout for any rows (the corrected table reuses it). */
export function formatPercentileRows<E extends PercentileRowSource>(rows: PercentileTableRows<E>, options: PercentileTableOptions = {}): string {
  const nameWidth = options.nameWidth ?? DEFAULT_NAME_WIDTH;
  const percentiles = options.percentiles ?? PERCENTILES_TO_REPORT;
  const cells = (first: string, rest: string[]) => [padLeft(first, 8), ...rest.map((c) => padLeft(c, 6))].join(" ");
  const line = (type: string, name: string, values: string[]) =>
    `${padRight(type, TYPE_WIDTH)} ${padRight(name, nameWidth)} ${cells(values[0]!, values.slice(1))}`;
  const labels = percentiles.map(formatPercentileLabel);
  const separator =
    `${"-".repeat(TYPE_WIDTH)}|${"-".repeat(Math.max(nameWidth, 0))}|${"-".repeat(8)}|` +
    `${"------|".repeat(percentiles.length)}`.slice(0, -1);
  const row = (entry: E) =>
    line(entry.method, entry.name, [
      ...percentiles.map((p) => String(Math.round(entry.getResponseTimePercentile(p)))),
      String(rows.count(entry)),
    ]);
  const timed = (entry: E) => entry.histogram.count > 0;
  return [
    rows.title,
    line("Type", "Name", [...labels, rows.countLabel]),
    separator,
    ...rows.entries.filter(timed).map(row),
    separator,
    ...(timed(rows.total) ? [row(rows.total)] : []),
  ].join("\n");
}
