/**
 * Wait-time functions: what a user or TaskSet does between tasks. Each returns a function giving seconds.
 * @module
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#wait-time-attribute
 */
import { realClock, type Clock } from "../clock.ts";
import { LocustError } from "../errors.ts";

/** A wait-time function: the number of seconds to wait after a task. */
export type WaitTimeFunction = () => number;

/**
 * A wait time that is not a finite number of seconds, 0 or more. `setTimeout` would fire an `Infinity` or NaN wait
 * after 1 ms, so the user would spin instead of waiting; Locust's gevent refuses such a sleep too.
 */
export class InvalidWaitTimeError extends LocustError {}

const WAIT_RULE = "a wait time must be a finite number of seconds, 0 or more";
const WAIT_HINT = "To run the tasks once and then stop the user, throw StopUser at the end of the task instead.";

function isValidWait(seconds: unknown): seconds is number {
  return typeof seconds === "number" && seconds >= 0 && seconds < Infinity;
}

function assertWaitArgument(call: string, ...values: number[]): void {
  if (values.every((value) => isValidWait(value))) return;
  throw new InvalidWaitTimeError(`${call}(${values.join(", ")}): ${WAIT_RULE}.`, { code: "INVALID_WAIT_TIME", hint: WAIT_HINT });
}

/**
 * Returns `seconds` when it is a valid wait (a finite number ≥ 0).
 * @throws InvalidWaitTimeError naming `owner` (the class whose `waitTime` returned it) and the value.
 */
export function assertWaitSeconds(seconds: unknown, owner: string): number {
  if (isValidWait(seconds)) return seconds;
  const shown = typeof seconds === "string" ? JSON.stringify(seconds) : String(seconds);
  throw new InvalidWaitTimeError(`${owner}'s waitTime returned ${shown}: ${WAIT_RULE}.`, { code: "INVALID_WAIT_TIME", hint: WAIT_HINT });
}

/**
 * A uniformly random wait between `min` and `max` seconds.
 * @example `waitTime = between(1, 5);`
 */
export function between(min: number, max: number): WaitTimeFunction {
  assertWaitArgument("between", min, max);
  return () => min + Math.random() * (max - min);
}

/**
 * Always the same wait.
 * @example `waitTime = constant(1);`
 */
export function constant(seconds: number): WaitTimeFunction {
  assertWaitArgument("constant", seconds);
  return () => seconds;
}

/** Interval (ms) of each pacing function, for the corrected-latency histograms (see schedule-context.ts). */
const pacingIntervals = new WeakMap<WaitTimeFunction, number>();

/**
 * Starts tasks `seconds` apart: waits whatever is left of the interval after the task ran, 0 if the task took
 * longer. The pacing state belongs to the returned function, so declare it as an instance field
 * (`waitTime = constantPacing(2)`) to pace each user separately.
 */
export function constantPacing(seconds: number, clock: Clock = realClock): WaitTimeFunction {
  assertWaitArgument("constantPacing", seconds);
  let lastRun = clock.monotonic() / 1000;
  let lastWait = 0;
  const paced = () => {
    const now = clock.monotonic() / 1000;
    const runTime = now - lastRun - lastWait;
    lastWait = Math.max(0, seconds - runTime);
    lastRun = now;
    return lastWait;
  };
  pacingIntervals.set(paced, seconds * 1000);
  return paced;
}

/** The pacing interval (ms) of a wait-time function from `constantPacing` / `constantThroughput`; 0 for others. */
export function pacingIntervalOf(waitTime: WaitTimeFunction | undefined): number {
  return waitTime === undefined ? 0 : (pacingIntervals.get(waitTime) ?? 0);
}

/**
 * At most `tasksPerSecond` task runs per second for each user: `constantPacing(1 / tasksPerSecond)`.
 * @example `waitTime = constantThroughput(10); // 10 tasks/s per user`
 */
export function constantThroughput(tasksPerSecond: number, clock: Clock = realClock): WaitTimeFunction {
  if (!(tasksPerSecond > 0 && tasksPerSecond < Infinity)) {
    throw new InvalidWaitTimeError(`constantThroughput(${tasksPerSecond}): tasks per second must be a finite number above 0.`, { code: "INVALID_WAIT_TIME" });
  }
  return constantPacing(1 / tasksPerSecond, clock);
}
