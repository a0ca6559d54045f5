/**
 * The threshold grammar: `[ROW:]METRIC OP NUMBER[UNIT]`. ROW is quoted (`"GET /items":p95<300`) or plain
 * (`mqtt:avg<50`; everything before the last colon); METRIC is `pN`/`p(N)` for any percentile, `avg`, `min`,
 * `max`, `median`, `rps`, `fail_ratio`, `failures` or `requests`; OP one of `< <= > >= == !=`; times take an
 * optional `ms` or `s`, `fail_ratio` an optional `%`.
 * @module
 */
import { LocustError } from "../errors.ts";
import type { Comparator, Threshold, ThresholdMetric } from "./threshold.ts";

/** The metric names a threshold accepts, for error messages. */
export const METRIC_NAMES = "p50…p99.99 (any percentile), avg, min, max, median, rps, fail_ratio, failures, requests";

const COMPARISON = /^(.*?)\s*(<=|>=|==|!=|<|>)\s*([^<>=!]*)$/s;
const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(ms|s|%)?$/i;
const PERCENTILE = /^p(?:\((\d+(?:\.\d+)?)\)|(\d+(?:\.\d+)?))$/;
const NAMED_METRICS = new Set(["avg", "min", "max", "median", "rps", "fail_ratio", "failures", "requests"]);
const TIME_KINDS = new Set(["percentile", "avg", "min", "max", "median"]);

/** A malformed threshold expression: one line naming it (exit code 2 when it came from the options). */
export class ThresholdError extends LocustError {
  constructor(expression: string, reason: string, exitCode = 2) {
    super(`invalid threshold '${expression}': ${reason}`, { code: "INVALID_THRESHOLD", exitCode });
  }
}

/**
 * Parses one expression; throws a {@link ThresholdError} saying what is wrong with it.
 * @example parseThreshold('"GET /items":p99<=500') // { row: "GET /items", metricName: "p99", comparator: "<=", limit: 500, … }
 */
export function parseThreshold(text: string): Threshold {
  // Locustfiles in plain JavaScript may push anything into environment.thresholds.
  if (typeof text !== "string") throw new ThresholdError(String(text), "a threshold must be a string like p95<300");
  const expression = text.trim();
  const comparison = COMPARISON.exec(expression);
  if (!comparison) throw new ThresholdError(expression, "expected [ROW:]METRIC OP NUMBER, e.g. p95<300 or \"GET /items\":p99<=500");
  const [, left = "", comparator, right = ""] = comparison;
  const { row, metricName } = splitRow(expression, left.trim());
  const metric = parseMetric(expression, metricName);
  const limit = parseLimit(expression, metric, right.trim());
  return { expression, row, metricName, metric, comparator: comparator as Comparator, limit };
}

/** Parses every expression; the problems come back as one line each, in order. */
export function parseThresholds(texts: readonly string[]): { thresholds: Threshold[]; problems: ThresholdError[] } {
  const thresholds: Threshold[] = [];
  const problems: ThresholdError[] = [];
  for (const text of texts) {
    try {
      thresholds.push(parseThreshold(text));
    } catch (error) {
      if (!(error instanceof ThresholdError)) throw error;
      problems.push(error);
    }
  }
  return { thresholds, problems };
}

function splitRow(expression: string, left: string): { row: string | undefined; metricName: string } {
  const quote = left[0];
  if (quote === '"' || quote === "'") {
    const close = left.indexOf(quote, 1);
    if (close < 0) throw new ThresholdError(expression, `the row name has no closing ${quote}`);
    const rest = left.slice(close + 1).trimStart();
    if (!rest.startsWith(":")) throw new ThresholdError(expression, "expected ':' and a metric after the quoted row name");
    return { row: left.slice(1, close), metricName: rest.slice(1).trim() };
  }
  const colon = left.lastIndexOf(":");
  if (colon < 0) return { row: undefined, metricName: left };
  const row = left.slice(0, colon).trim();
  return { row: row === "" ? undefined : row, metricName: left.slice(colon + 1).trim() };
}

function parseMetric(expression: string, name: string): ThresholdMetric {
  if (name === "") throw new ThresholdError(expression, `no metric before the comparison (use ${METRIC_NAMES})`);
  const percentile = PERCENTILE.exec(name);
  if (percentile) {
    const p = Number(percentile[1] ?? percentile[2]);
    if (!(p > 0 && p <= 100)) throw new ThresholdError(expression, `percentile ${name} must be above 0 and at most 100`);
    // p99.99 is 0.9999 exactly, as Locust writes it, not 99.99 / 100 = 0.99989999…: the rank depends on it.
    return { kind: "percentile", p: Math.round(p * 1e10) / 1e12 };
  }
  if (NAMED_METRICS.has(name)) return { kind: name as Exclude<ThresholdMetric["kind"], "percentile"> } as ThresholdMetric;
  throw new ThresholdError(expression, `unknown metric '${name}' (use ${METRIC_NAMES})`);
}

function parseLimit(expression: string, metric: ThresholdMetric, text: string): number {
  const match = NUMBER.exec(text);
  if (!match) throw new ThresholdError(expression, `'${text}' is not a number`);
  const value = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  if (unit === undefined) return value;
  if ((unit === "ms" || unit === "s") && TIME_KINDS.has(metric.kind)) return unit === "s" ? value * 1000 : value;
  if (unit === "%" && metric.kind === "fail_ratio") return value / 100;
  throw new ThresholdError(expression, `the unit '${match[2]}' does not fit the metric`);
}
