/**
 * Locust's process exit codes, and the mapping from an error or a finished run to one of them.
 * @see https://docs.locust.io/en/stable/configuration.html (--exit-code-on-error)
 * @module
 */
import { LocustError } from "./errors.ts";

/** The run ended with no request failures, no user errors and no unhandled errors. */
export const EXIT_OK = 0;
/** Default `--exit-code-on-error`: the run had request failures or errors raised in user code. */
export const EXIT_FAILURES = 1;
/**
 * Startup failed: missing locustfile, no User class found, unknown user class, bad `--processes`, gave up waiting
 * for workers, an error in an `init` listener, an invalid `--web-base-path`.
 */
export const EXIT_STARTUP_ERROR = 1;
/** Bad command line, environment variable or config file (argparse's exit code). */
export const EXIT_ARGUMENT_ERROR = 2;
/** The run was clean but an event listener or a background loop raised an error that was logged. */
export const EXIT_UNHANDLED_ERROR = 2;
/** A second Ctrl-C forced the exit: 128 + SIGINT, what the shell reports for Python's KeyboardInterrupt. */
export const EXIT_INTERRUPTED = 130;
/**
 * Python's `sys.exit(-1)`, seen by the shell as 255: `--master` combined with `--worker`, failure to connect to the
 * master, invalid `--config-users`.
 */
export const EXIT_FATAL = 255;

/**
 * The exit code for an error that ended the process. A {@link LocustError} carries its own (OptionError → 2 for
 * argument errors; startup errors → 1; fatal distributed-setup errors → 255); anything else is an unexpected crash,
 * which Python reports with 1.
 */
export function exitCodeForError(error: unknown): number {
  if (error instanceof LocustError) return normaliseExitCode(error.exitCode);
  return EXIT_STARTUP_ERROR;
}

/** What {@link exitCodeForRun} needs to know about a finished run. */
export interface RunOutcome {
  /** `environment.processExitCode` when a listener or the locustfile set it. */
  processExitCode?: number;
  /** `--exit-code-on-error`. */
  exitCodeOnError: number;
  /** Any request failure (the stats error table is not empty). */
  hasFailures: boolean;
  /** Any exception raised in user code (the runner's exception table is not empty). */
  hasUserErrors: boolean;
  /** An error was logged from an event listener or a crashed background loop. */
  hasUnhandledErrors: boolean;
  /** The run was stopped by a bad setup found while it ran (e.g. an invalid wait time). */
  hasSetupError?: boolean;
}

/**
 * Locust's shutdown rule, applied after `quitting` listeners ran: an explicit `processExitCode` wins; then 1 for a
 * setup error that stopped the run; then `--exit-code-on-error` if there were failures or user errors; then 2 for
 * logged unhandled errors; else 0.
 */
export function exitCodeForRun(outcome: RunOutcome): number {
  if (outcome.processExitCode !== undefined) return normaliseExitCode(outcome.processExitCode);
  if (outcome.hasSetupError) return EXIT_STARTUP_ERROR;
  if (outcome.hasFailures || outcome.hasUserErrors) return normaliseExitCode(outcome.exitCodeOnError);
  if (outcome.hasUnhandledErrors) return EXIT_UNHANDLED_ERROR;
  return EXIT_OK;
}

/** Maps a code to what the shell sees: -1 → 255, 256 → 0, as POSIX truncates to 8 bits. */
export function normaliseExitCode(code: number): number {
  if (!Number.isInteger(code)) return EXIT_STARTUP_ERROR;
  return ((code % 256) + 256) % 256;
}
