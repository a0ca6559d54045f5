/**
 * Control-flow exceptions that steer the user loop, and the coded {@link LocustError} family for setup problems.
 * @module
 */
import { formatPythonStringRepr } from "./python/index.ts";

/** Options shared by every coded error. */
export interface LocustErrorOptions {
  /** Stable machine-readable code, e.g. `"LOCUSTFILE_NOT_FOUND"`. */
  code?: string;
  /** One actionable sentence printed after the message. */
  hint?: string;
  cause?: unknown;
  /** Process exit code when this error ends the run (default 1). */
  exitCode?: number;
}

/**
 * A known, user-facing problem (bad locustfile, bad flag, misuse of the API). The CLI prints its message (and hint)
 * on one line, without a stack trace, and exits with `exitCode`.
 * @see https://docs.locust.io/en/stable/api.html#exceptions
 */
export class LocustError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: number;
  constructor(message: string, options: LocustErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? "LOCUST_ERROR";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Raised when a user class has neither a `waitTime` nor inherits one where one is required. */
export class MissingWaitTimeError extends LocustError {}

/** Throw inside a task (or anywhere in a user) to stop that user; its `onStop` hooks still run. */
export class StopUser extends Error {
  override name = "StopUser";
}

/**
 * What a forced stop (the run ends, or the user is ramped down past `--stop-timeout`) throws into the user's code:
 * the reason of the user's aborted `signal`, so `this.sleep()` and every client call in flight reject with it.
 * Locust kills the greenlet with `GreenletExit`, which `except Exception` does not catch; JavaScript has no
 * uncatchable error, so instead a request event whose `exception` is a `ForcedStop` is dropped before any listener
 * sees it: a `catch` that reports what it caught records nothing, and one that rethrows just lets the user stop.
 */
export class ForcedStop extends StopUser {
  override name = "ForcedStop";
}

/** Stops the whole run when it escapes user construction, a shape or spawning; inside a task it acts like StopUser. */
export class StopTest extends Error {
  override name = "StopTest";
}

/**
 * Leaves the current TaskSet and returns control to its parent. `reschedule` true (default) means the parent picks
 * its next task immediately; false means it waits first.
 */
export class InterruptTaskSet extends Error {
  override name = "InterruptTaskSet";
  constructor(readonly reschedule = true) {
    super();
  }
}

/** Behaves like returning from the task: the holder waits, then picks the next task. */
export class RescheduleTask extends Error {
  override name = "RescheduleTask";
}

/** Like {@link RescheduleTask} but skips the wait. */
export class RescheduleTaskImmediately extends Error {
  override name = "RescheduleTaskImmediately";
}

/** A request-level failure. Thrown inside a catch-response block it marks the request failed and is suppressed. */
export class ResponseError extends Error {
  override name = "ResponseError";
}

/** The failure recorded by `response.failure("text")`. */
export class CatchResponseError extends ResponseError {
  override name = "CatchResponseError";
}

const CONTROL_FLOW = [StopUser, StopTest, InterruptTaskSet, RescheduleTask, RescheduleTaskImmediately];

/** True for the exceptions that steer the user loop and must propagate through event listeners. */
export function isControlFlow(err: unknown): boolean {
  return CONTROL_FLOW.some((kind) => err instanceof kind);
}

/**
 * Errors whose Python counterpart has a repr other than `Name('message')` (an OSError's errno, geventhttpclient's
 * `code=` keyword) return it from a method under this key; {@link formatErrorRepr} uses it.
 */
export const PYTHON_REPR = Symbol.for("locust-bun.pythonRepr");

/**
 * Locust-style `repr` of an error, used for failure grouping and reports: strings are kept as they are, errors become
 * `Name('message')` (e.g. `Error('boom')`, `CatchResponseError('Got wrong response')`), other values their JSON.
 */
export function formatErrorRepr(err: unknown): string {
  if (typeof err === "string") return err;
  if (err instanceof Error) {
    const custom = (err as { [PYTHON_REPR]?: unknown })[PYTHON_REPR];
    if (typeof custom === "function") return String(custom.call(err));
    return `${err.name}(${formatPythonStringRepr(err.message)})`;
  }
  if (err === null || err === undefined) return String(err);
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    // Circular or otherwise unserialisable values still need some text to group by.
    return String(err);
  }
}
