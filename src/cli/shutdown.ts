/**
 * The ordered end of a run: stop users, fire `quitting`, decide the exit code, write every report, fire `quit`.
 * Runs the same way on normal end, Ctrl-C and SIGTERM, and keeps going when one step fails.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { createLogger, hasUnhandledError } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";
import { formatJsonReport, OutputsFailed, type ConsolePrinter, type OutputList } from "../core/output/index.ts";
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_STARTUP_ERROR, exitCodeForRun } from "../core/exit-codes.ts";
import type { ChildWorkers } from "./processes.ts";
import {
  evaluateRunThresholds,
  formatThresholdJson,
  printThresholdTable,
  writeJunitReport,
  type ThresholdOutcome,
  type ThresholdRun,
} from "./thresholds.ts";

const log = createLogger("locust.main");

/** What was started and must be finished. */
export interface ShutdownParts {
  /** Stopped and flushed in reverse once the users have stopped. */
  outputs: OutputList;
  /** Prints the final summary (whether or not it printed tables during the run). */
  printer: ConsolePrinter;
  /** The worker processes of a `--processes` run. */
  children?: ChildWorkers;
  thresholds?: ThresholdRun;
}

/** Fills Locust's `{u}`, `{r}`, `{t}` placeholders of `--html`. */
function formatReportPath(template: string, options: Options): string {
  return template
    .replaceAll("{u}", String(Math.trunc(options.users ?? 0)))
    .replaceAll("{r}", String(Math.trunc(options.spawnRate ?? 0)))
    .replaceAll("{t}", String(Math.trunc(options.runTime ?? 0)));
}

/** Runs one shutdown step; a failure is logged, the next step still runs, and the result says whether it worked. */
async function step(name: string, work: () => unknown): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    const failures = err instanceof OutputsFailed ? err.failures : [{ output: name, error: err }];
    for (const { output, error } of failures) log.error(`${output} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Writes every report; resolves false when one of the files could not be written. */
async function writeReports(environment: Environment, options: Options, parts: ShutdownParts, thresholds: ThresholdOutcome): Promise<boolean> {
  const written = [await step("outputs", () => parts.outputs.stop())];
  if (options.json) await step("--json", () => process.stdout.write(`${formatJsonReport(environment.stats)}\n`));
  if (options.jsonFile) written.push(await step("--json-file", () => Bun.write(`${options.jsonFile}.json`, formatJsonReport(environment.stats))));
  if (options.jsonFile && thresholds.results.length > 0) {
    written.push(await step("--json-file", () => Bun.write(`${options.jsonFile}_thresholds.json`, formatThresholdJson(thresholds))));
  }
  if (!options.jsonFile) await step("summary", () => parts.printer.printSummary());
  await step("thresholds", () => printThresholdTable(thresholds));
  if (options.junitFile) written.push(await step("--junit", () => writeJunitReport(environment, options.junitFile!, thresholds)));
  if (options.url) process.stdout.write(`${environment.stats.total.numRequests} requests made\n`);
  if (options.htmlFile) {
    const path = formatReportPath(options.htmlFile, options);
    written.push(
      await step("--html", async () => {
        const { writeHtmlReport } = await import("../ui/report/html-report.ts");
        await writeHtmlReport(environment, path);
      }),
    );
  }
  return written.every(Boolean);
}

/** Resolves when `signal` aborts (never, without one). */
function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => signal?.addEventListener("abort", () => resolve(), { once: true }));
}

/**
 * Shuts the run down and resolves with the exit code. When `forced` aborts (a second Ctrl-C) it stops waiting for
 * users, still writes the reports, and the exit code is the signal's (130 for SIGINT).
 */
export async function shutdown(environment: Environment, options: Options, parts: ShutdownParts, forced?: AbortSignal): Promise<number> {
  const stopped = whenAborted(forced);
  await Promise.race([step("stopping users", () => environment.runner?.quit()), stopped]);
  if (parts.children) await Promise.race([step("worker processes", () => parts.children!.stop()), stopped]);
  const thresholds = evaluateRunThresholds(environment, parts.thresholds);
  await step("quitting listeners", () => environment.events.quitting.fire({ environment }, true));
  let code = exitCodeForRun({
    processExitCode: environment.processExitCode,
    exitCodeOnError: options.exitCodeOnError,
    hasFailures: environment.stats.errors.size > 0,
    hasUserErrors: (environment.runner?.exceptions.size ?? 0) > 0,
    hasUnhandledErrors: hasUnhandledError(),
    hasSetupError: environment.runner?.setupFailed,
    thresholdsFailed: thresholds.failed,
    exitCodeOnThreshold: options.exitCodeOnThreshold,
  });
  // A report the user asked for that is missing fails the run, as Locust's crash while writing it does.
  if (!(await writeReports(environment, options, parts, thresholds)) && code === EXIT_OK) code = EXIT_STARTUP_ERROR;
  if (forced?.aborted) code = EXIT_INTERRUPTED;
  log.info(`Shutting down (exit code ${code})`);
  environment.events.quit.fire({ exitCode: code });
  return code;
}
