/**
 * Runs a prepared test to its end: starts the ramp (or the shape), the periodic outputs, the run-time limit, the
 * web UI, and shuts everything down in order on completion, Ctrl-C or SIGTERM.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { startArrivalRate } from "./start-arrival-rate.ts";
import type { Options } from "../core/options/index.ts";
import { EXIT_INTERRUPTED } from "../core/exit-codes.ts";
import { createLogger } from "../core/log.ts";
import { startRunTimeLimit } from "../core/runner/run-time-limit.ts";
import { ConsolePrinter, CsvWriter, OutputList, resolveNameWidth } from "../core/output/index.ts";
import type { RunningWebUi } from "../ui/server.ts";
import { shutdown } from "./shutdown.ts";
import { listenForUserCountKeys } from "./keyboard.ts";
import { MasterRunner } from "../core/runner/distributed/master-runner.ts";
import { EXIT_STARTUP_ERROR } from "../core/exit-codes.ts";
import type { ChildWorkers } from "./processes.ts";
import { armThresholdAbort, parseRunThresholds } from "./thresholds.ts";

const log = createLogger("locust.main");
/** After a second Ctrl-C, how long the reports get before the process exits anyway. */
const FORCED_EXIT_GRACE_MS = 500;

/**
 * The run's outputs in start order: the web UI (already serving), the console table, the CSV files. Shutdown stops
 * and flushes them in reverse.
 */
function createOutputs(environment: Environment, options: Options, webUi: RunningWebUi | undefined): { outputs: OutputList; printer: ConsolePrinter } {
  const runner = environment.runner!;
  const isTty = process.stdout.isTTY;
  const printer = new ConsolePrinter({
    stats: environment.stats,
    clock: environment.clock,
    nameWidth: () => resolveNameWidth(isTty, process.stdout.columns),
  });
  // Per-name current percentiles cost memory per name; only the full-history CSV prints them.
  environment.stats.currentPercentilesPerEntry = options.csvFullHistory;
  const csv = options.csvPrefix
    ? new CsvWriter({
        prefix: options.csvPrefix,
        stats: environment.stats,
        clock: environment.clock,
        fullHistory: options.csvFullHistory,
        userCount: () => runner.userCount,
        exceptions: () => runner.exceptions.rows(),
        // Only --arrival-rate adds the column: a shape run keeps Locust's exact history columns.
        openModel: options.arrivalRate !== undefined,
      })
    : undefined;
  const printPeriodically = options.headless ? !options.onlySummary : options.printStats;
  const outputs = new OutputList()
    .add(webUi && { name: "web UI", start: () => {}, stop: () => webUi.stop() })
    .add(printPeriodically ? printer : undefined)
    .add(csv);
  return { outputs, printer };
}

/**
 * Starts the load as Locust's headless/autostart start does: a master first waits for `--expect-workers` workers
 * (giving up after `--expect-workers-max-wait` with exit code 1); then the shape or the ramp, the keys and the
 * run-time limit.
 */
async function startAutomaticRun(environment: Environment, options: Options, stopOrQuit: () => void, end: () => void): Promise<void> {
  const runner = environment.runner!;
  if (runner instanceof MasterRunner && !(await runner.waitForWorkers(options.expectWorkers, options.expectWorkersMaxWait))) {
    if (!runner.listening || runner.quitting) return; // quit while waiting
    log.error("Gave up waiting for workers to connect");
    environment.processExitCode ??= EXIT_STARTUP_ERROR;
    return end();
  }
  if (environment.shape) {
    runner.startShape(stopOrQuit);
    return;
  }
  if (options.arrivalRate !== undefined) startArrivalRate(runner, options);
  else void runner.start(options.users ?? 1, options.spawnRate ?? 1);
  // The w/W/s/S keys change a user count, which an arrival-rate run does not have.
  if (options.headless && options.arrivalRate === undefined) {
    const restore = listenForUserCountKeys(runner);
    environment.events.quitting.addListener(restore);
  }
  if (options.runTime !== undefined) startRunTimeLimit(options.runTime, environment.clock, options.headless, stopOrQuit);
  else log.info("No run time limit set, use CTRL+C to interrupt");
}

/** Runs the test and resolves with the process exit code. */
export async function runTest(
  environment: Environment,
  options: Options,
  webUi: RunningWebUi | undefined,
  children?: ChildWorkers,
): Promise<number> {
  const runner = environment.runner!;
  // Checked before any output starts, so a bad threshold from the locustfile leaves nothing behind.
  const thresholds = parseRunThresholds(environment);
  const { outputs, printer } = createOutputs(environment, options, webUi);
  await outputs.start();
  const forced = new AbortController();
  let forcedExit: (code: number) => void = () => {};
  const forcedExitCode = new Promise<number>((resolve) => (forcedExit = resolve));
  let ending: Promise<number> | undefined;
  const end = () => (ending ??= shutdown(environment, options, { outputs, printer, children, thresholds }, forced.signal));
  // Headless runs quit at the end; with a web UI the test stops and the UI stays (--autoquit then counts down).
  const stopOrQuit = () => {
    if (options.headless) return void end();
    if (options.autoquit < 0) log.info("--autoquit not specified, leaving web ui running indefinitely");
    void runner.stop();
  };
  runner.onStopTest = stopOrQuit;
  armThresholdAbort(environment, options, thresholds, stopOrQuit);
  if (runner instanceof MasterRunner) runner.onLastWorkerQuit = stopOrQuit;

  const onSignal = (signal: string) => {
    if (!ending) {
      log.info(`Received ${signal}, shutting down...`);
      return void end();
    }
    if (forced.signal.aborted) return;
    // A second Ctrl-C: stop waiting for users, write what can be written within a moment, then exit regardless.
    log.warning(`Received ${signal} again, forcing exit`);
    forced.abort();
    setTimeout(() => forcedExit(EXIT_INTERRUPTED), FORCED_EXIT_GRACE_MS);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));

  if (options.headless || options.autostart) void startAutomaticRun(environment, options, stopOrQuit, end);
  if (options.autostart && !options.headless && options.autoquit >= 0) {
    environment.events.testStop.addListener(() => {
      log.debug(`Autoquit time limit set to ${options.autoquit} seconds`);
      void environment.clock.sleep(options.autoquit * 1000).then(() => {
        log.info("--autoquit time reached, shutting down");
        void end();
      });
    });
  }
  await Promise.race([runner.quitted, forcedExitCode]);
  return Promise.race([end(), forcedExitCode]);
}
