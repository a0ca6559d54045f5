import { HISTOGRAM_SCHEME } from "./histogram.ts";
import { EXACT_HISTOGRAMS_KEY } from "./locust-report.ts";
import { formatBadValue, parseLocustEntry, parseLocustError, readExactPairs, readRecord } from "./locust-report-parse.ts";
import type { RequestStats } from "./request-stats.ts";
import type { SerializedStatsEntry } from "./stats-entry.ts";
import type { SerializedStatsError } from "./stats-error.ts";

/** Exact histograms of one report, looked up by entry. */
interface ExactLookup {
  entries: Map<string, number[]>;
  total: number[] | undefined;
}

/**
 * Adds a worker's `stats` report (from a locust-bun or a Locust worker) into the master's stats, as Locust's
 * master does: every entry and the total extended (sums, null-aware min/max, earliest start, latest request,
 * per-second counts added), errors merged by method, name and text (the same grouping as Locust's SHA-256 key,
 * so one failure reported by Python and TypeScript workers is one row). A locust-bun worker's exact histograms
 * are used where present, so merged percentiles are as exact as one process's; a Locust worker's rounded
 * `response_times` are folded in bucket by bucket.
 *
 * Never throws: a malformed part (wrong types from a buggy worker) is skipped and described in the returned
 * list of one-line problems, and everything else is merged. A bad `stats_total` is replaced by the sum of the
 * good entries so the total loses nothing they hold.
 */
export function mergeWorkerReport(stats: RequestStats, report: unknown): string[] {
  const problems: string[] = [];
  let data: Record<string, unknown>;
  try {
    data = readRecord(report, "report");
  } catch (error) {
    return [messageOf(error)];
  }
  const exact = readExactHistograms(data[EXACT_HISTOGRAMS_KEY], problems);
  const entries = parseEntries(data.stats, exact, problems);
  const total = parseEntry(data.stats_total, "stats_total", exact?.total, problems);
  const errors = parseErrors(data.errors, problems);
  for (const entry of entries) stats.get(entry.name, entry.method).extendSerialized(entry);
  if (total !== null) stats.total.extendSerialized(total);
  else for (const entry of entries) stats.total.extendSerialized(entry);
  for (const error of errors) stats.errors.merge(error);
  return problems;
}

function parseEntries(value: unknown, exact: ExactLookup | null, problems: string[]): SerializedStatsEntry[] {
  if (!Array.isArray(value)) {
    problems.push(`stats is not a list (got ${formatBadValue(value)})`);
    return [];
  }
  const entries: SerializedStatsEntry[] = [];
  value.forEach((item, i) => {
    const dict = readRecordOrNull(item);
    const entry = parseEntry(item, `stats[${i}]`, exact?.entries.get(entryKey(dict?.name, dict?.method)), problems);
    if (entry !== null) entries.push(entry);
  });
  return entries;
}

/**
 * One entry dict, validated whole (so merging it cannot fail halfway and a bad one leaves the master's stats
 * untouched), or null.
 */
function parseEntry(value: unknown, where: string, exact: number[] | undefined, problems: string[]): SerializedStatsEntry | null {
  try {
    return parseLocustEntry(value, exact, (why) => problems.push(`${where} ${why}`));
  } catch (error) {
    problems.push(`${where}: ${messageOf(error)}; skipped`);
    return null;
  }
}

function parseErrors(value: unknown, problems: string[]): SerializedStatsError[] {
  if (value === undefined) return [];
  const errors: SerializedStatsError[] = [];
  try {
    for (const [key, item] of Object.entries(readRecord(value, "errors"))) {
      try {
        errors.push(parseLocustError(item));
      } catch (error) {
        problems.push(`errors[${key.slice(0, 12)}]: ${messageOf(error)}; skipped`);
      }
    }
  } catch (error) {
    problems.push(messageOf(error));
  }
  return errors;
}

function readExactHistograms(value: unknown, problems: string[]): ExactLookup | null {
  if (value === undefined || value === null) return null;
  try {
    const dict = readRecord(value, EXACT_HISTOGRAMS_KEY);
    if (dict.scheme !== HISTOGRAM_SCHEME) {
      throw new Error(`histogram scheme ${formatBadValue(dict.scheme)} is not this master's "${HISTOGRAM_SCHEME}"`);
    }
    const entries = new Map<string, number[]>();
    for (const item of Array.isArray(dict.entries) ? dict.entries : []) {
      const pairs = Array.isArray(item) ? readExactPairs(item[2]) : undefined;
      if (pairs !== undefined) entries.set(entryKey(item[0], item[1]), pairs);
    }
    return { entries, total: readExactPairs(dict.total) };
  } catch (error) {
    problems.push(`${messageOf(error)}; used Locust's rounded response_times`);
    return null;
  }
}

function readRecordOrNull(value: unknown): Record<string, unknown> | null {
  try {
    return readRecord(value, "entry");
  } catch {
    // parseEntry reports the same problem for this item.
    return null;
  }
}

function entryKey(name: unknown, method: unknown): string {
  return `${String(name)}\u0000${method == null ? "" : String(method)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
