import type { ThresholdResult } from "./threshold.ts";

/** A measured value as reports print it: up to 6 significant digits, no trailing zeros; "no data" for none. */
export function formatThresholdValue(actual: number | null): string {
  return actual === null ? "no data" : String(Number(actual.toPrecision(6)));
}

/**
 * The console table printed after the summary: each threshold, its actual value and pass/FAIL, then a count line.
 * Pure: results in, text out.
 */
export function formatThresholdTable(results: readonly ThresholdResult[], abortedBy?: ThresholdResult): string {
  const width = Math.max(40, ...results.map((r) => r.expression.length + 2));
  const line = "-".repeat(width + 24);
  const rows = results.map(
    (r) => `${r.expression.padEnd(width)}${formatThresholdValue(r.actual).padStart(14)}${(r.passed ? "pass" : "FAIL").padStart(10)}`,
  );
  const failed = results.filter((r) => !r.passed).length;
  const noun = results.length === 1 ? "threshold" : "thresholds";
  const verdict = failed === 0 ? `All ${results.length} ${noun} passed` : `${failed} of ${results.length} ${noun} failed`;
  const aborted = abortedBy
    ? `\nThe run was stopped early: ${abortedBy.expression} failed (actual ${formatThresholdValue(abortedBy.actual)})`
    : "";
  return [`${"Threshold".padEnd(width)}${"Actual".padStart(14)}${"Result".padStart(10)}`, line, ...rows, line, `${verdict}${aborted}`].join("\n");
}
