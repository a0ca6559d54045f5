import type { Environment } from "../environment.ts";
import { HISTORY_INTERVAL_SECONDS } from "../stats/history.ts";

/**
 * Appends a chart-history row (`stats.history`) every 5 s while a test is spawning or running, so charts survive
 * a page reload and reports can draw the whole run.
 */
export class HistoryRecorder {
  readonly #environment: Environment;
  #stop: AbortController | undefined;

  constructor(environment: Environment) {
    this.#environment = environment;
  }

  start(): void {
    if (this.#stop) return;
    this.#stop = new AbortController();
    void this.#loop(this.#stop.signal);
  }

  /** Records a row now (at the end of a ramp and when a test stops), so short runs still have chart points. */
  recordNow(): void {
    const { clock, stats, runner } = this.#environment;
    if (runner) stats.history.record(stats, runner.userCount, clock.now());
  }

  stop(): void {
    this.#stop?.abort();
    this.#stop = undefined;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const { clock } = this.#environment;
    while (!signal.aborted) {
      await clock.sleep(HISTORY_INTERVAL_SECONDS * 1000, signal);
      const runner = this.#environment.runner;
      if (signal.aborted || !runner) return;
      if (runner.state !== "ready" && runner.state !== "stopped") this.recordNow();
    }
  }
}
