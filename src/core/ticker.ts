import type { Clock } from "./clock.ts";

/** What one tick does; returning `"stop"` ends the ticker from inside (a shape that finished, a failed tick). */
export type TickWork = () => void | "stop" | Promise<void | "stop">;

/** Options of {@link Ticker}. */
export interface TickerOptions {
  /** When the first tick runs: this long after `start()` (default: one interval); 0 runs it inside `start()`. */
  firstTickAfterMs?: number;
}

/**
 * The one periodic loop on a {@link Clock}: runs `work` every `intervalMs` (less the time the tick took) from
 * `start()` until `stop()`. Every periodic output and driver (console table, CSV files, web UI push, chart history,
 * usage samples, shape ticks, threshold checks, worker reports and heartbeats) is one of these, so a fake clock
 * drives them all in tests.
 *
 * Ticks never overlap: the next sleep starts after `work` settles. `work` handles its own errors; one that escapes
 * is a stray error of the process, as any unawaited promise's.
 */
export class Ticker {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #work: TickWork;
  readonly #firstTickAfterMs: number;
  #abort: AbortController | undefined;

  constructor(clock: Clock, intervalMs: number, work: TickWork, options: TickerOptions = {}) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#work = work;
    this.#firstTickAfterMs = options.firstTickAfterMs ?? intervalMs;
  }

  /** True between `start()` and `stop()` (or a tick that returned `"stop"`). */
  get running(): boolean {
    return this.#abort !== undefined;
  }

  /** Starts ticking; a no-op while already running. */
  start(): void {
    if (this.#abort) return;
    this.#abort = new AbortController();
    void this.#loop(this.#abort.signal);
  }

  /** Stops ticking; a tick in progress finishes, no further tick starts. */
  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const clock = this.#clock;
    if (this.#firstTickAfterMs > 0) await clock.sleep(this.#firstTickAfterMs, signal);
    while (!signal.aborted) {
      const started = clock.monotonic();
      if ((await this.#work()) === "stop") {
        if (this.#abort?.signal === signal) this.#abort = undefined;
        return;
      }
      if (signal.aborted) return;
      await clock.sleep(Math.max(this.#intervalMs - (clock.monotonic() - started), 0), signal);
    }
  }
}
