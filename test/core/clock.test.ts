import { afterEach, describe, expect, test, vi } from "bun:test";
import { MAX_TIMER_MS, realClock } from "../../src/core/clock.ts";
import { Environment } from "../../src/core/environment.ts";
import { task } from "../../src/core/user/decorators.ts";
import { User } from "../../src/core/user/user.ts";
import { runUser } from "../../src/core/user/user-loop.ts";
import { constant } from "../../src/core/user/wait-time.ts";

const DAY_MS = 86_400_000;

function track(promise: Promise<void>): { done: boolean } {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe("realClock.sleep", () => {
  afterEach(() => vi.useRealTimers());

  test("a sleep past setTimeout's 24.8-day limit waits its whole length instead of firing at once", async () => {
    vi.useFakeTimers();
    const sleep = track(realClock.sleep(25 * 24 * 3_600_000));
    vi.advanceTimersByTime(10);
    await Promise.resolve();
    expect(sleep.done).toBe(false);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    await Promise.resolve();
    expect(sleep.done).toBe(false);
    vi.advanceTimersByTime(25 * DAY_MS - MAX_TIMER_MS);
    await Promise.resolve();
    expect(sleep.done).toBe(true);
  });

  test("an Infinity sleep never resolves by itself, and an abort still ends it", async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const sleep = track(realClock.sleep(Infinity, stop.signal));
    for (let i = 0; i < 10; i++) vi.advanceTimersByTime(40 * DAY_MS);
    await Promise.resolve();
    expect(sleep.done).toBe(false);
    stop.abort();
    await Promise.resolve();
    expect(sleep.done).toBe(true);
  });

  test("NaN and negative sleeps resolve on the next timer turn", async () => {
    vi.useFakeTimers();
    const sleeps = [track(realClock.sleep(Number.NaN)), track(realClock.sleep(-5))];
    vi.advanceTimersByTime(0);
    await Promise.resolve();
    expect(sleeps.map((s) => s.done)).toEqual([true, true]);
  });
});

describe("a user's wait between tasks past 24.8 days", () => {
  afterEach(() => vi.useRealTimers());

  test("waits the whole wait instead of running its task again after 1 ms", async () => {
    vi.useFakeTimers();
    let runs = 0;
    class Patient extends User {
      waitTime = constant(30 * 86_400);
      @task t() {
        runs++;
      }
    }
    const user = new Patient(new Environment({ userClasses: [Patient] }));
    const done = runUser(user);
    await waitForMicrotasks();
    expect(runs).toBe(1);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(DAY_MS);
      await waitForMicrotasks();
    }
    expect(runs).toBe(1);
    for (let i = 0; i < 11; i++) {
      vi.advanceTimersByTime(DAY_MS);
      await waitForMicrotasks();
    }
    expect(runs).toBe(2);
    user.requestStop(true);
    vi.useRealTimers();
    await done;
  });
});

async function waitForMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
