#!/usr/bin/env bun
/**
 * The `locust-bun` command. The only place that prints fatal errors and exits.
 * @module
 */
import { defineCommand, runCommand, showUsage } from "citty";
import { main } from "./cli/main.ts";
import { embeddedLocustfiles } from "./core/locustfile/embedded.ts";
import { LocustError } from "./core/errors.ts";
import { exitCodeForError } from "./core/exit-codes.ts";
import { createLogger, formatErrorLine, hasUnhandledError, markUnhandledError } from "./core/log.ts";

const log = createLogger("locust.main");

const command = defineCommand({
  meta: { name: "locust-bun", description: "Locust's load-testing model on Bun" },
  async run({ rawArgs }) {
    const debug = rawArgs.some((arg, i) => /^--loglevel=debug$/i.test(arg) || (/^(--loglevel|-L)$/.test(arg) && /^debug$/i.test(rawArgs[i + 1] ?? "")));
    try {
      process.exitCode = await main(rawArgs);
    } catch (err) {
      reportError(err, debug);
    }
  },
});

/** Prints a known error as one line (its cause's stack with debug) and sets its exit code; rethrows anything else. */
function reportError(err: unknown, debug: boolean): void {
  if (!(err instanceof LocustError)) throw err;
  process.stderr.write(`${err.message}${err.hint ? ` (${err.hint})` : ""}\n`);
  if (debug && err.cause instanceof Error) process.stderr.write(`${err.cause.stack}\n`);
  process.exitCode = exitCodeForError(err);
}

/** `build` as the first argument selects that subcommand, except in a built executable (which cannot build). */
async function runCli(argv: string[]): Promise<void> {
  if (argv[0] !== "build" || embeddedLocustfiles()) return void (await runCommand(command, { rawArgs: argv }));
  const { buildCommand } = await import("./cli/build/build-command.ts");
  if (argv.includes("--help") || argv.includes("-h")) return showUsage(buildCommand);
  try {
    await runCommand(buildCommand, { rawArgs: argv.slice(1) });
  } catch (err) {
    reportError(err, false);
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
