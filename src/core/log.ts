/**
 * Locust-format logging: `[2026-11-21 10:00:00,123] host/INFO/locust.runners: message` to stderr (or a log file),
 * with the last 500 lines kept for the web UI's `/logs` route.
 * @module
 */
import { hostname } from "node:os";
import { appendFileSync } from "node:fs";
import { formatErrorRepr, LocustError } from "./errors.ts";

/** Log levels in Locust's (Python logging's) order. */
export type LogLevel = "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

const LEVEL_RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 };
const KEPT_LINES = 500;

interface LogSettings {
  level: LogLevel;
  file?: string;
  /** Where lines go when no file is set; tests and the CLI may redirect it. */
  write: (line: string) => void;
  /** Set when an error was logged from an event handler or a crashed loop: Locust then exits with code 2. */
  unhandledErrorLogged: boolean;
}

const settings: LogSettings = {
  level: "INFO",
  write: (line) => process.stderr.write(line),
  unhandledErrorLogged: false,
};
const recentLines: string[] = [];
const host = hostname();

/** Applies `--loglevel` and `--logfile`; a log file that cannot be written is a LocustError at once. */
export function configureLogging(options: { level?: LogLevel; file?: string; write?: (line: string) => void }): void {
  if (options.level) settings.level = options.level;
  if (options.file) {
    try {
      appendFileSync(options.file, "");
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new LocustError(`--logfile cannot write ${options.file}: ${reason}`, { code: "LOGFILE_UNWRITABLE", cause: err });
    }
  }
  settings.file = options.file;
  if (options.write) settings.write = options.write;
}

/** The last ≤500 formatted lines (for `/logs`). */
export function recentLogLines(): readonly string[] {
  return recentLines;
}

/** Whether an unhandled error has been logged (exit code 2 rule). */
export function hasUnhandledError(): boolean {
  return settings.unhandledErrorLogged;
}

/** Marks that an unhandled error happened (an event listener or a loop crashed). */
export function markUnhandledError(): void {
  settings.unhandledErrorLogged = true;
}

/**
 * One line for an error outside user tasks: a LocustError's message (and hint); otherwise `Name: message (at
 * file:line:col)` with the first stack frame, so the line points at the code without a stack-trace wall.
 */
export function formatErrorLine(error: unknown): string {
  if (error instanceof LocustError) return `${error.message}${error.hint ? ` (${error.hint})` : ""}`;
  if (!(error instanceof Error)) return formatErrorRepr(error);
  const frame = /^\s*at .*?\(?((?:file:\/\/)?\/[^()\s]*:\d+:\d+)\)?$/m.exec(error.stack ?? "")?.[1];
  const text = `${error.name}: ${error.message.split("\n")[0]}`;
  return frame ? `${text} (at ${frame})` : text;
}

/** Resets the module state; for tests. */
export function resetLogState(): void {
  settings.unhandledErrorLogged = false;
  recentLines.length = 0;
}

function timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day} ${time},${pad(date.getMilliseconds(), 3)}`;
}

/** A named logger, e.g. `createLogger("locust.runners")`. */
export function createLogger(name: string) {
  const emit = (level: LogLevel, message: string) => {
    if (LEVEL_RANK[level] < LEVEL_RANK[settings.level]) return;
    const line = `[${timestamp(new Date())}] ${host}/${level}/${name}: ${message}\n`;
    recentLines.push(line.trimEnd());
    if (recentLines.length > KEPT_LINES) recentLines.shift();
    if (settings.file) appendFileSync(settings.file, line);
    else settings.write(line);
  };
  return {
    debug: (message: string) => emit("DEBUG", message),
    info: (message: string) => emit("INFO", message),
    warning: (message: string) => emit("WARNING", message),
    error: (message: string) => emit("ERROR", message),
  };
}

/** The logger type returned by {@link createLogger}. */
export type Logger = ReturnType<typeof createLogger>;
