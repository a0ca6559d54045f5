/**
 * The one place time is read. Core pieces that wait or measure (spawner, run-time limit, shape driver, printers)
 * take a {@link Clock} so tests can drive them with a fake one instead of sleeping.
 */
export interface Clock {
  /** Wall-clock time in epoch seconds (float). */
  now(): number;
  /** Monotonic milliseconds (float), for durations. */
  monotonic(): number;
  /** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()`, `performance.now()` and timers. */
export const realClock: Clock = {
  now: () => Date.now() / 1000,
  monotonic: () => performance.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
