/**
 * The CLI's side of thresholds: collect them (options, exported `thresholds`, `init` listeners), check them before
 * the run, watch them live with `--threshold-abort`, and at the end evaluate them on the final (in a distributed
 * run, the master's merged) stats and write the table, the JUnit file and `<--json-file>_thresholds.json`.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { LocustError } from "../core/errors.ts";
import type { LoadedLocustfile } from "../core/locustfile/load.ts";
import { createLogger } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";
import {
  evaluateThresholds,
  formatJunitReport,
  formatThresholdTable,
  formatThresholdValue,
  parseThresholds,
  ThresholdAbort,
  type Threshold,
  type ThresholdResult,
} from "../core/thresholds/index.ts";

const log = createLogger("locust.main");

/** The thresholds of a run and, with `--threshold-abort`, the result that stopped it. */
export interface ThresholdRun {
  thresholds: readonly Threshold[];
  abortedBy?: ThresholdResult;
}

/** The evaluation at the end of a run. */
export interface ThresholdOutcome {
  results: ThresholdResult[];
  abortedBy?: ThresholdResult;
  /** A threshold failed at the end or stopped the run early. */
  failed: boolean;
}

/** The `thresholds` arrays the locustfiles export; anything but a list of strings is a one-line error. */
export function collectExportedThresholds(files: readonly LoadedLocustfile[]): string[] {
  return files.flatMap(({ path, module }) => {
    const value = module.thresholds;
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
    throw new LocustError(`The 'thresholds' export of ${path} must be an array of strings like "p95<300"`, { code: "INVALID_THRESHOLD" });
  });
}

/** Parses `environment.thresholds` after the `init` listeners ran; every bad one is named, one line each. */
export function parseRunThresholds(environment: Environment): ThresholdRun {
  const { thresholds, problems } = parseThresholds(environment.thresholds);
  if (problems.length > 0) {
    throw new LocustError(problems.map((problem) => problem.message).join("\n"), { code: "INVALID_THRESHOLD", exitCode: 2 });
  }
  return { thresholds };
}

/**
 * `--threshold-abort`: arms the live check at each test start (the grace period counts from there); a failure calls
 * `stopOrQuit`, as `--run-time` does, so every report is still written.
 */
export function armThresholdAbort(environment: Environment, options: Options, run: ThresholdRun, stopOrQuit: () => void): void {
  const { thresholds } = run;
  if (!options.thresholdAbort || thresholds.length === 0) return;
  const abort = new ThresholdAbort({
    thresholds,
    stats: environment.stats,
    clock: environment.clock,
    graceSeconds: options.thresholdGrace,
    onAbort: (failed) => {
      run.abortedBy ??= failed;
      log.error(`Threshold ${failed.expression} failed (actual ${formatThresholdValue(failed.actual)}), stopping the test (--threshold-abort)`);
      stopOrQuit();
    },
  });
  environment.events.testStart.addListener(() => abort.start());
  environment.events.testStop.addListener(() => abort.stop());
  environment.events.quitting.addListener(() => abort.stop());
}

/** Evaluates the thresholds on the final stats and logs each failure. */
export function evaluateRunThresholds(environment: Environment, run: ThresholdRun | undefined): ThresholdOutcome {
  const results = run ? evaluateThresholds(run.thresholds, environment.stats) : [];
  for (const result of results) {
    if (!result.passed) log.warning(`Threshold failed: ${result.expression} (actual ${formatThresholdValue(result.actual)})`);
  }
  const abortedBy = run?.abortedBy;
  return { results, abortedBy, failed: abortedBy !== undefined || results.some((result) => !result.passed) };
}

/** Prints the table (after the summary, where the summary goes: stderr). */
export function printThresholdTable(outcome: ThresholdOutcome): void {
  if (outcome.results.length > 0) process.stderr.write(`${formatThresholdTable(outcome.results, outcome.abortedBy)}\n\n`);
}

/** `--junit FILE`. */
export async function writeJunitReport(environment: Environment, path: string, outcome: ThresholdOutcome): Promise<void> {
  const { stats } = environment;
  const startTime = stats.startTime;
  const duration = Math.max(0, (stats.lastRequestTimestamp ?? startTime) - startTime);
  await Bun.write(path, formatJunitReport({ stats, results: outcome.results, duration, startTime }), { createPath: true });
}

/** The JSON written next to `--json-file`'s (Locust's array stays untouched there). */
export function formatThresholdJson(outcome: ThresholdOutcome): string {
  const { results, abortedBy, failed } = outcome;
  return JSON.stringify({ passed: !failed, abortedBy: abortedBy?.expression ?? null, thresholds: results }, null, 4);
}
