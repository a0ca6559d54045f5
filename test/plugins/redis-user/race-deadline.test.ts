import { expect, test } from "bun:test";
import { DeadlinePassed, raceDeadline } from "../../../plugins/redis-user/src/race-deadline.ts";

const never = () => new Promise<never>(() => {});
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ["resolved", value],
    (error: Error) => ["rejected", error.name],
  );

test("settles like the work when it finishes first", async () => {
  const signal = new AbortController().signal;
  expect(await outcome(raceDeadline(Promise.resolve(7), 1000, signal))).toEqual(["resolved", 7]);
  expect(await outcome(raceDeadline(Promise.reject(new TypeError("x")), 1000, signal))).toEqual(["rejected", "TypeError"]);
});

test("rejects with DeadlinePassed when the timeout passes first; 0 means no timeout", async () => {
  const signal = new AbortController().signal;
  const late = raceDeadline(never(), 1, signal);
  expect(await late.catch((error: unknown) => error)).toBeInstanceOf(DeadlinePassed);
  const { promise, resolve } = Promise.withResolvers<string>();
  const unlimited = raceDeadline(promise, 0, signal);
  resolve("done");
  expect(await unlimited).toBe("done");
});

test("rejects with the signal's reason on abort, before or during the wait, and a late failure stays handled", async () => {
  const before = new AbortController();
  before.abort();
  expect(await outcome(raceDeadline(Promise.reject(new Error("late")), 0, before.signal))).toEqual(["rejected", "AbortError"]);
  const during = new AbortController();
  const { promise, reject } = Promise.withResolvers<never>();
  const waiting = outcome(raceDeadline(promise, 0, during.signal));
  during.abort();
  reject(new Error("late"));
  expect(await waiting).toEqual(["rejected", "AbortError"]);
});
