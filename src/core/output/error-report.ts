import type { RequestStats } from "../stats/index.ts";
import { padRight } from "../python/index.ts";
import { DEFAULT_NAME_WIDTH } from "./request-table.ts";

/** Options of {@link formatErrorReport}. */
export interface ErrorReportOptions {
  /** Locust's STATS_NAME_WIDTH (W); the separator is 80 + W − 19 dashes after the first column. Default 80. */
  nameWidth?: number;
}

/**
 * Locust's "Error report": one row per failure group in first-seen order with its occurrences and display name,
 * ending with an empty line. Empty string when there are no failures (Locust prints nothing then).
 */
export function formatErrorReport(stats: RequestStats, options: ErrorReportOptions = {}): string {
  if (stats.errors.size === 0) return "";
  const nameWidth = options.nameWidth ?? DEFAULT_NAME_WIDTH;
  const separator = `${"-".repeat(18)}|${"-".repeat(Math.max(80 + nameWidth - 19, 0))}`;
  const rows = [...stats.errors].map((error) => `${padRight(String(error.occurrences), 18)} ${padRight(error.displayName, 100)}`);
  return ["Error report", `${padRight("# occurrences", 18)} ${padRight("Error", 100)}`, separator, ...rows, separator, ""].join("\n");
}
