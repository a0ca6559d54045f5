import { StatsEntry, type RequestStats } from "../stats/index.ts";

/**
 * The stats row a threshold reads. No row (or "Aggregated") is the aggregate; then, in order: an exact
 * "METHOD name" entry, every entry with that name (all its methods merged), every entry of that request type
 * (`GET`, `mqtt`, merged). `undefined` when nothing matches yet. Merging is exact (histograms add bucket counts).
 */
export function findThresholdRow(stats: RequestStats, row: string | undefined): StatsEntry | undefined {
  if (row === undefined || row === "Aggregated") return stats.total;
  const space = row.indexOf(" ");
  if (space > 0) {
    const exact = stats.find(row.slice(space + 1), row.slice(0, space));
    if (exact) return exact;
  }
  const entries = [...stats.entries()];
  return mergeRows(stats, row, entries.filter((e) => e.name === row)) ?? mergeRows(stats, row, entries.filter((e) => e.method === row));
}

function mergeRows(stats: RequestStats, row: string, entries: StatsEntry[]): StatsEntry | undefined {
  if (entries.length <= 1) return entries[0];
  // Rates use the whole run's span, as every row of the request table does.
  const merged = new StatsEntry(row, "", stats.startTime, { span: stats });
  for (const entry of entries) merged.extend(entry);
  return merged;
}
