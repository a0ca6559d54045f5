import type { Clock } from "../../src/core/clock.ts";

interface Sleeper {
  due: number;
  resolve: () => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A {@link Clock} that only moves when told. `sleep` resolves when {@link FakeClock.advance} passes its due time
 * (or early, without rejecting, when its signal aborts), so tests drive loops without waiting for real time.
 * @example
 * ```ts
 * const clock = new FakeClock({ now: 1_700_000_000 });
 * printer.start();
 * await clock.advance(2000); // fires the printer's 2 s sleep, lets the loop run
 * ```
 */
export class FakeClock implements Clock {
  #now: number;
  #monotonic: number;
  #sleepers: Sleeper[] = [];

  /** `now` in epoch seconds (default 1,700,000,000), `monotonic` in ms (default 0). */
  constructor(start: { now?: number; monotonic?: number } = {}) {
    this.#now = start.now ?? 1_700_000_000;
    this.#monotonic = start.monotonic ?? 0;
  }

  now(): number {
    return this.#now;
  }

  monotonic(): number {
    return this.#monotonic;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { due: this.#monotonic + Math.max(0, ms), resolve, signal };
      if (signal) {
        sleeper.onAbort = () => {
          this.#remove(sleeper);
          resolve();
        };
        signal.addEventListener("abort", sleeper.onAbort, { once: true });
      }
      this.#sleepers.push(sleeper);
    });
  }

  /** Number of sleeps waiting to be resolved. */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  /**
   * Moves both clocks forward by `ms`, resolving due sleeps in due order. After each one it lets pending
   * promise callbacks run, so a loop that sleeps again inside the advanced span is woken too.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#monotonic + ms;
    for (;;) {
      const next = this.#nextDue(target);
      if (next === undefined) break;
      this.#moveTo(next.due);
      this.#remove(next);
      next.resolve();
      await settle();
    }
    this.#moveTo(target);
    await settle();
  }

  /** Sets the wall clock (epoch seconds) without moving the monotonic clock or firing sleeps. */
  setNow(epochSeconds: number): void {
    this.#now = epochSeconds;
  }

  #nextDue(limit: number): Sleeper | undefined {
    let next: Sleeper | undefined;
    for (const sleeper of this.#sleepers) {
      if (sleeper.due <= limit && (next === undefined || sleeper.due < next.due)) next = sleeper;
    }
    return next;
  }

  #moveTo(monotonic: number): void {
    this.#now += (monotonic - this.#monotonic) / 1000;
    this.#monotonic = monotonic;
  }

  #remove(sleeper: Sleeper): void {
    this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
    if (sleeper.signal && sleeper.onAbort) sleeper.signal.removeEventListener("abort", sleeper.onAbort);
  }
}

/** Lets every queued promise callback (and what they queue in turn) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
