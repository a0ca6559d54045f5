/**
 * Wait-time functions: what a user or TaskSet does between tasks. Each returns a function giving seconds.
 * @module
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#wait-time-attribute
 */
import { realClock, type Clock } from "../clock.ts";

/** A wait-time function: the number of seconds to wait after a task. */
export type WaitTimeFunction = () => number;

/**
 * A uniformly random wait between `min` and `max` seconds.
 * @example `waitTime = between(1, 5);`
 */
export function between(min: number, max: number): WaitTimeFunction {
  return () => min + Math.random() * (max - min);
}

/**
 * Always the same wait.
 * @example `waitTime = constant(1);`
 */
export function constant(seconds: number): WaitTimeFunction {
  return () => seconds;
}

/**
 * Starts tasks `seconds` apart: waits whatever is left of the interval after the task ran, 0 if the task took
 * longer. The pacing state belongs to the returned function, so declare it as an instance field
 * (`waitTime = constantPacing(2)`) to pace each user separately.
 */
export function constantPacing(seconds: number, clock: Clock = realClock): WaitTimeFunction {
  let lastRun = clock.monotonic() / 1000;
  let lastWait = 0;
  return () => {
    const now = clock.monotonic() / 1000;
    const runTime = now - lastRun - lastWait;
    lastWait = Math.max(0, seconds - runTime);
    lastRun = now;
    return lastWait;
  };
}

/**
 * At most `tasksPerSecond` task runs per second for each user: `constantPacing(1 / tasksPerSecond)`.
 * @example `waitTime = constantThroughput(10); // 10 tasks/s per user`
 */
export function constantThroughput(tasksPerSecond: number, clock: Clock = realClock): WaitTimeFunction {
  return constantPacing(1 / tasksPerSecond, clock);
}
