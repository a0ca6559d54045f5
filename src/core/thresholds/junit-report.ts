/**
 * `--junit FILE`: a JUnit XML report CI systems read (GitHub Actions test reporters, GitLab, Jenkins, Azure). One
 * `<testsuite>` inside `<testsuites>`; one `<testcase>` per threshold, or, with no thresholds, one per request row
 * that fails when the row had failures. Attributes follow the common JUnit schema (name, tests, failures, errors,
 * skipped, time, timestamp; testcase name, classname, time; failure message and type).
 * @module
 */
import type { RequestStats } from "../stats/index.ts";
import { formatThresholdValue } from "./threshold-table.ts";
import type { ThresholdResult } from "./threshold.ts";

/** One test case: a name, its group, and a failure text when it failed. */
interface JunitCase {
  name: string;
  classname: string;
  failure?: string;
}

/** What {@link formatJunitReport} writes about. */
export interface JunitInput {
  stats: RequestStats;
  /** Threshold results; empty or absent: one case per request row. */
  results?: readonly ThresholdResult[];
  /** Run duration, seconds. */
  duration: number;
  /** The suite's start, epoch seconds. */
  startTime: number;
}

/** The XML text of the report. */
export function formatJunitReport(input: JunitInput): string {
  const cases = input.results?.length ? thresholdCases(input.results) : rowCases(input.stats);
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const time = input.duration.toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  const timestamp = new Date(input.startTime * 1000).toISOString().slice(0, 19);
  const body = cases.map(formatCase).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="locust-bun" ${counts} time="${time}">
  <testsuite name="locust-bun" ${counts} skipped="0" time="${time}" timestamp="${timestamp}">
${body}
  </testsuite>
</testsuites>
`;
}

function thresholdCases(results: readonly ThresholdResult[]): JunitCase[] {
  return results.map((r) => ({
    name: r.expression,
    classname: "thresholds",
    failure: r.passed ? undefined : `${r.expression} failed: actual ${formatThresholdValue(r.actual)}`,
  }));
}

function rowCases(stats: RequestStats): JunitCase[] {
  return stats.sortedEntries().map((entry) => ({
    name: entry.method === "" ? entry.name : `${entry.method} ${entry.name}`,
    classname: "requests",
    failure: entry.numFailures > 0 ? `${entry.numFailures} of ${entry.numRequests} requests failed` : undefined,
  }));
}

function formatCase(c: JunitCase): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${c.classname}" time="0"`;
  if (c.failure === undefined) return `${open}/>`;
  const message = escapeXml(c.failure);
  return `${open}>\n      <failure message="${message}" type="${c.classname === "thresholds" ? "ThresholdFailed" : "RequestFailures"}">${message}</failure>\n    </testcase>`;
}

/** Escapes text for an XML attribute or element; drops characters XML 1.0 cannot hold. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
