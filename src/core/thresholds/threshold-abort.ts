import type { Clock } from "../clock.ts";
import type { RequestStats } from "../stats/index.ts";
import { Ticker } from "../ticker.ts";
import { evaluateThreshold } from "./evaluate-thresholds.ts";
import type { Threshold, ThresholdResult } from "./threshold.ts";

/** Settings of a {@link ThresholdAbort}. */
export interface ThresholdAbortSettings {
  thresholds: readonly Threshold[];
  stats: RequestStats;
  clock: Clock;
  /** Seconds from {@link ThresholdAbort.start} before the first check (k6's `delayAbortEval`). */
  graceSeconds: number;
  /** Called once, with the first failing threshold. */
  onAbort: (failed: ThresholdResult) => void;
}

/**
 * Whether a failure now can still turn into a pass: a count compared from below (`requests>=1000`) only grows
 * toward passing, and a row with no data yet may still get some. Those never stop a run early.
 */
function isFinalFailure(threshold: Threshold, result: ThresholdResult): boolean {
  if (result.passed || result.actual === null) return false;
  const counter = threshold.metric.kind === "requests" || threshold.metric.kind === "failures";
  return !(counter && (threshold.comparator === ">" || threshold.comparator === ">=" || threshold.comparator === "=="));
}

/**
 * `--threshold-abort`: once a second after the grace period, checks the thresholds on the stats so far and calls
 * `onAbort` with the first one that failed (k6's `abortOnFail`). Reads stats only; never on the request path.
 */
export class ThresholdAbort {
  readonly #settings: ThresholdAbortSettings;
  readonly #ticker: Ticker;
  #triggered: ThresholdResult | undefined;

  constructor(settings: ThresholdAbortSettings) {
    this.#settings = settings;
    // Even without a grace period the first check waits for the next turn: start() runs before the load starts.
    const firstTickAfterMs = Math.max(settings.graceSeconds * 1000, 1);
    this.#ticker = new Ticker(settings.clock, 1000, () => this.#tick(), { firstTickAfterMs });
  }

  /** The threshold that stopped the run, once one did. */
  get triggered(): ThresholdResult | undefined {
    return this.#triggered;
  }

  /** Starts checking (again, for a new test); the grace period counts from now. A call while running does nothing. */
  start(): void {
    this.#ticker.start();
  }

  stop(): void {
    this.#ticker.stop();
  }

  /** One check: the first threshold that failed for good, or undefined. */
  check(): ThresholdResult | undefined {
    for (const threshold of this.#settings.thresholds) {
      const result = evaluateThreshold(threshold, this.#settings.stats);
      if (isFinalFailure(threshold, result)) return result;
    }
    return undefined;
  }

  #tick(): "stop" | undefined {
    const failed = this.check();
    if (!failed) return undefined;
    this.#triggered = failed;
    this.#settings.onAbort(failed);
    return "stop";
  }
}
