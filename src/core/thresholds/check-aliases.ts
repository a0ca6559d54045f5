/**
 * locust-plugins' `--check-rps`, `--check-fail-ratio` and `--check-avg-response-time` as thresholds. Its checks run
 * when Locust quits, on the total row: the run fails when total rps < N, when fail ratio > N, and (only for N > 0)
 * when the average response time > N; a failed check sets exit code 3, which `--exit-code-on-threshold` also
 * defaults to.
 * @see https://github.com/SvenskaSpel/locust-plugins
 * @module
 */

/** The three options, as resolved (undefined when not given). */
export interface CheckOptions {
  checkRps?: number;
  checkFailRatio?: number;
  checkAvgResponseTime?: number;
}

/** The threshold expressions the given checks stand for, in locust-plugins' order of checking. */
export function formatCheckThresholds(options: CheckOptions): string[] {
  const expressions: string[] = [];
  if (options.checkFailRatio !== undefined) expressions.push(`fail_ratio<=${options.checkFailRatio}`);
  if (options.checkRps !== undefined) expressions.push(`rps>=${options.checkRps}`);
  if (options.checkAvgResponseTime !== undefined && options.checkAvgResponseTime > 0) {
    expressions.push(`avg<=${options.checkAvgResponseTime}`);
  }
  return expressions;
}

/** Every threshold the options ask for: `--threshold` values, then the check aliases. */
export function collectOptionThresholds(options: CheckOptions & { threshold: readonly string[] }): string[] {
  return [...options.threshold, ...formatCheckThresholds(options)];
}
