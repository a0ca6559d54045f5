import type { Environment } from "../environment.ts";
import { HISTORY_INTERVAL_SECONDS } from "../stats/index.ts";
import { Ticker } from "../ticker.ts";

/**
 * Appends a chart-history row (`stats.history`) every 5 s while a test is spawning or running, so charts survive
 * a page reload and reports can draw the whole run.
 */
export class HistoryRecorder {
  readonly #environment: Environment;
  readonly #ticker: Ticker;

  constructor(environment: Environment) {
    this.#environment = environment;
    this.#ticker = new Ticker(environment.clock, HISTORY_INTERVAL_SECONDS * 1000, () => this.#tick());
  }

  start(): void {
    this.#ticker.start();
  }

  /** Records a row now (at the end of a ramp and when a test stops), so short runs still have chart points. */
  recordNow(): void {
    const { clock, stats, runner } = this.#environment;
    if (runner) stats.history.record(stats, runner.userCount, clock.now());
  }

  stop(): void {
    this.#ticker.stop();
  }

  #tick(): "stop" | undefined {
    const runner = this.#environment.runner;
    if (!runner) return "stop";
    if (runner.state !== "ready" && runner.state !== "stopped") this.recordNow();
  }
}
