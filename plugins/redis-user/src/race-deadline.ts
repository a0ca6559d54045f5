/** Thrown by {@link raceDeadline} when the timeout passed first. */
export class DeadlinePassed extends Error {
  override readonly name = "DeadlinePassed";
}

/**
 * Settles like `work`, unless `timeoutMs` passes first (rejects with {@link DeadlinePassed}) or `signal` aborts
 * (rejects with the signal's reason). `timeoutMs` 0 means no timeout. The late outcome of `work` is then ignored,
 * never an unhandled rejection. One timer and one abort listener per call, both removed on settlement.
 */
export function raceDeadline<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // the caller gave up before waiting; the outcome is unwanted
    return Promise.reject(signal.reason);
  }
  const { promise, resolve, reject } = Promise.withResolvers<T>();
  const onAbort = () => finish(() => reject(signal.reason));
  const timer = timeoutMs > 0 ? setTimeout(() => finish(() => reject(new DeadlinePassed())), timeoutMs) : undefined;
  signal.addEventListener("abort", onAbort, { once: true });
  let settled = false;
  function finish(settle: () => void): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
    settle();
  }
  work.then(
    (value) => finish(() => resolve(value)),
    (error) => finish(() => reject(error)),
  );
  return promise;
}
