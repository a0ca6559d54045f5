import type { Clock } from "../clock.ts";
import { createLogger } from "../log.ts";

const log = createLogger("locust.main");

/**
 * The `--run-time` timer: after `seconds` it logs and calls `onLimit` (quit when headless, stop with a web UI).
 * Returns a cancel function.
 */
export function startRunTimeLimit(seconds: number, clock: Clock, onLimit: () => void): () => void {
  const cancel = new AbortController();
  log.info(`Run time limit set to ${seconds} seconds`);
  void clock.sleep(seconds * 1000, cancel.signal).then(() => {
    if (cancel.signal.aborted) return;
    log.info("--run-time limit reached, shutting down");
    onLimit();
  });
  return () => cancel.abort();
}
