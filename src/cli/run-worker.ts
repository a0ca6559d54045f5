/**
 * A worker's run: connect to the master, run what it asks until it says quit (or goes silent), then shut down in
 * order. A worker prints no tables and writes no reports: its master does.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { EXIT_INTERRUPTED, exitCodeForRun } from "../core/exit-codes.ts";
import { createLogger, hasUnhandledError } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";
import { timingsFromEnv } from "../core/runner/distributed/protocol.ts";
import { fireInit } from "./fire-init.ts";
import { isChildWorker, watchParent } from "./processes.ts";

const log = createLogger("locust.main");

/** Runs this process as a worker and resolves with its exit code. */
export async function runWorker(environment: Environment, options: Options): Promise<number> {
  environment.attachStats();
  const worker = environment.createWorkerRunner({
    masterHost: options.masterHost,
    masterPort: options.masterPort,
    timings: timingsFromEnv(),
  });
  fireInit(environment);
  if (options.runTime !== undefined) log.debug("--run-time specified for a worker node will be ignored.");
  let forceExit: (code: number) => void = () => {};
  const forced = new Promise<number>((resolve) => (forceExit = resolve));
  let signalled = false;
  const onSignal = (signal: string) => {
    if (signalled) {
      // A second Ctrl-C: stop waiting for users still finishing their tasks.
      log.warning(`Received ${signal} again, forcing exit`);
      return forceExit(EXIT_INTERRUPTED);
    }
    signalled = true;
    log.info(`Received ${signal}, shutting down...`);
    void worker.quit();
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  const unwatch = isChildWorker() ? watchParent(() => void worker.quit()) : () => {};
  await worker.connect();
  log.debug(`Connected to locust master: ${options.masterHost}:${options.masterPort}`);
  if ((await Promise.race([worker.quitted.then(() => undefined), forced])) !== undefined) return EXIT_INTERRUPTED;
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
