/**
 * The one place time is read. Core pieces that wait or measure (spawner, run-time limit, shape driver, printers)
 * take a {@link Clock} so tests can drive them with a fake one instead of sleeping.
 */
export interface Clock {
  /** Wall-clock time in epoch seconds (float). */
  now(): number;
  /** Monotonic milliseconds (float), for durations. */
  monotonic(): number;
  /**
   * Resolves after `ms` (any length: a day, a year; `Infinity` never resolves unless aborted; NaN or ≤ 0 at once),
   * or early (without rejecting) when `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The longest delay `setTimeout` takes (2^31 − 1 ms, about 24.8 days). A longer one fires after 1 ms, so longer
 * sleeps are chained timers of at most this length.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now()`, `performance.now()` and timers. */
export const realClock: Clock = {
  now: () => Date.now() / 1000,
  monotonic: () => performance.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = performance.now() + (ms > 0 ? ms : 0);
      let timer: ReturnType<typeof setTimeout>;
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const arm = () => {
        const left = deadline - performance.now();
        if (left > MAX_TIMER_MS) return void (timer = setTimeout(arm, MAX_TIMER_MS));
        timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Math.max(0, left));
      };
      arm();
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
