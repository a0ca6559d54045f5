#!/usr/bin/env bun
/**
 * The `locust-bun` command. The only place that prints fatal errors and exits.
 * @module
 */
import { runCommand, showUsage } from "citty";
import { rootCommand, selectCommand } from "./cli/commands.ts";
import { embeddedLocustfiles } from "./core/locustfile/embedded.ts";
import { LocustError } from "./core/errors.ts";
import { exitCodeForError } from "./core/exit-codes.ts";
import { createLogger, formatErrorLine, hasUnhandledError, markUnhandledError } from "./core/log.ts";

const log = createLogger("locust.main");

/** `--loglevel DEBUG` (or `-L debug`) among the arguments: a known error then also prints its cause's stack. */
function asksDebug(rawArgs: readonly string[]): boolean {
  return rawArgs.some((arg, i) => /^--loglevel=debug$/i.test(arg) || (/^(--loglevel|-L)$/.test(arg) && /^debug$/i.test(rawArgs[i + 1] ?? "")));
}

/** Prints a known error as one line (its cause's stack with debug) and sets its exit code; rethrows anything else. */
function reportError(err: unknown, debug: boolean): void {
  if (!(err instanceof LocustError)) throw err;
  process.stderr.write(`${err.message}${err.hint ? ` (${err.hint})` : ""}\n`);
  if (debug && err.cause instanceof Error) process.stderr.write(`${err.cause.stack}\n`);
  process.exitCode = exitCodeForError(err);
}

/** Runs the command argv names (`run` unless the first argument names another; a built executable only runs). */
async function runCli(argv: string[]): Promise<void> {
  const { command, rawArgs, showUsage: usage } = await selectCommand(argv, embeddedLocustfiles() !== undefined);
  if (usage) return showUsage(command, rootCommand);
  try {
    await runCommand(command, { rawArgs });
  } catch (err) {
    reportError(err, asksDebug(rawArgs));
  }
}

/**
 * An error thrown by a timer callback or a promise nobody awaits, in a locustfile or in locust-bun itself: one log
 * line, exit code 2 at the end, and the run goes on — as Locust does for a greenlet that dies.
 */
function logStrayError(err: unknown): void {
  markUnhandledError();
  log.error(`Unhandled error outside a task: ${formatErrorLine(err)}`);
  if (err instanceof Error && err.stack) log.debug(err.stack);
}
process.on("uncaughtException", logStrayError);
process.on("unhandledRejection", logStrayError);

try {
  await runCli(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = hasUnhandledError() ? 2 : 1;
}
process.exit(process.exitCode ?? 0);
