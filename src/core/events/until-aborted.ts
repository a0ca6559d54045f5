/**
 * Settles like `work`, or rejects with the signal's reason as soon as `signal` aborts; the late outcome of `work`
 * is then ignored (never an unhandled rejection). Lets a force-stopped user stop waiting on the network.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    work.then(
      (value) => (done(), resolve(value)),
      (err) => (done(), reject(err)),
    );
  });
}
