/** What {@link untilAborted} settles with when the signal won. */
export const ABORTED: unique symbol = Symbol("aborted");

/**
 * Settles with `work`, or with {@link ABORTED} as soon as `signal` aborts; the late outcome of `work` is then
 * ignored (never an unhandled rejection). Lets a force-stopped user stop waiting without a failure being counted.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    work.then(
      (value) => (done(), resolve(value)),
      (err) => (done(), reject(err)),
    );
  });
}
