/**
 * A worker's run: connect to the master, run what it asks until it says quit (or goes silent), then shut down in
 * order. A worker prints no tables and writes no reports: its master does.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { exitCodeForRun } from "../core/exit-codes.ts";
import { createLogger, hasUnhandledError } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";
import { timingsFromEnv } from "../core/runner/distributed/protocol.ts";
import { fireInit } from "./fire-init.ts";
import { isChildWorker, watchParent } from "./processes.ts";

const log = createLogger("locust.main");

/** Runs this process as a worker and resolves with its exit code. */
export async function runWorker(environment: Environment, options: Options): Promise<number> {
  const worker = environment.createWorkerRunner({
    masterHost: options.masterHost,
    masterPort: options.masterPort,
    timings: timingsFromEnv(),
  });
  fireInit(environment);
  if (options.runTime !== undefined) log.debug("--run-time specified for a worker node will be ignored.");
  const quit = (reason: string) => {
    log.info(reason);
    void worker.quit();
  };
  process.on("SIGINT", () => quit("Received SIGINT, shutting down..."));
  process.on("SIGTERM", () => quit("Received SIGTERM, shutting down..."));
  const unwatch = isChildWorker() ? watchParent(() => void worker.quit()) : () => {};
  await worker.connect();
  log.debug(`Connected to locust master: ${options.masterHost}:${options.masterPort}`);
  await worker.quitted;
  unwatch();
  environment.events.quitting.fire({ environment }, true);
  const code = exitCodeForRun({
    processExitCode: environment.processExitCode,
    exitCodeOnError: options.exitCodeOnError,
    hasFailures: false,
    // Its master counts user errors; a worker fails its own exit only when it could not run what it was asked.
    hasUserErrors: worker.reportedMissingClasses.size > 0,
    hasUnhandledErrors: hasUnhandledError(),
  });
  log.info(`Shutting down (exit code ${code})`);
  environment.events.quit.fire({ exitCode: code });
  return code;
}
