import type { Clock } from "../clock.ts";
import { createLogger } from "../log.ts";

const log = createLogger("locust.main");

/**
 * The `--run-time` timer: after `seconds` it logs and calls `onLimit`, which quits (`quits`, a headless run) or
 * only stops the test (the web UI stays). Returns a cancel function.
 */
export function startRunTimeLimit(seconds: number, clock: Clock, quits: boolean, onLimit: () => void): () => void {
  const cancel = new AbortController();
  log.info(`Run time limit set to ${seconds} seconds`);
  void clock.sleep(seconds * 1000, cancel.signal).then(() => {
    if (cancel.signal.aborted) return;
    log.info(quits ? "--run-time limit reached, shutting down" : "--run-time limit reached, stopping test");
    onLimit();
  });
  return () => cancel.abort();
}
