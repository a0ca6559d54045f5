import type { Environment } from "../../core/environment.ts";
import { evaluateThresholds, formatThresholdValue, parseThresholds } from "../../core/thresholds/index.ts";
import { escapeHtml } from "../escape-html.ts";

/** The report's Thresholds section (each threshold on the report's stats, its value, pass/FAIL); "" when none. */
export function renderThresholdSection(environment: Environment): string {
  if (environment.thresholds.length === 0) return "";
  const results = evaluateThresholds(parseThresholds(environment.thresholds).thresholds, environment.stats);
  const rows = results
    .map((r) => {
      const verdict = r.passed ? `<span class="pass">pass</span>` : `<span class="fail">FAIL</span>`;
      return `<tr><td><code>${escapeHtml(r.expression)}</code></td><td>${escapeHtml(formatThresholdValue(r.actual))}</td><td>${verdict}</td></tr>`;
    })
    .join("\n");
  const table = `<table class="thresholds"><thead><tr><th>Threshold</th><th>Actual</th><th>Result</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return `<section><h2>Thresholds</h2>${table}</section>\n`;
}
