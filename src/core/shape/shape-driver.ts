import type { Environment } from "../environment.ts";
import { createLogger } from "../log.ts";
import type { Runner } from "../runner/runner.ts";
import { parseShapeTick, type LoadTestShape, type ParsedShapeTick } from "./load-test-shape.ts";
import { isArrivalTick, isSameArrivalTick, parseArrivalTick, type ParsedArrivalTick } from "./arrival-tick.ts";
import { startArrivalTick } from "./start-arrival-tick.ts";

const log = createLogger("locust.runners");
const TICK_INTERVAL_MS = 1000;

function sameTick(a: ParsedShapeTick | undefined, b: ParsedShapeTick): boolean {
  if (!a || a.userCount !== b.userCount || a.spawnRate !== b.spawnRate) return false;
  const namesA = a.userClasses?.map((c) => c.name).join(",") ?? "";
  const namesB = b.userClasses?.map((c) => c.name).join(",") ?? "";
  return namesA === namesB;
}

/**
 * Ticks the environment's LoadTestShape about once a second and re-targets the runner when the tick changes;
 * a `null` tick ends the test through `onShapeEnd` (quit when headless, stop with a web UI).
 */
export class ShapeDriver {
  readonly #environment: Environment;
  readonly #runner: Runner;
  readonly #onShapeEnd: () => void;
  #stop: AbortController | undefined;

  constructor(environment: Environment, runner: Runner, onShapeEnd: () => void) {
    this.#environment = environment;
    this.#runner = runner;
    this.#onShapeEnd = onShapeEnd;
  }

  /** Starts ticking (no-op without a shape or when already ticking). */
  start(): void {
    if (!this.#environment.shape || this.#stop) return;
    this.#stop = new AbortController();
    log.info("Shape test starting. User count and spawn rate are ignored for this type of load test");
    this.#environment.shape.resetTime();
    void this.#loop(this.#stop.signal);
  }

  stop(): void {
    this.#stop?.abort();
    this.#stop = undefined;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const shape = this.#environment.shape!;
    const clock = this.#environment.clock;
    let previous: ParsedShapeTick | undefined;
    let previousArrival: ParsedArrivalTick | undefined;
    while (!signal.aborted) {
      const started = clock.monotonic();
      const tick = this.#tick(shape);
      if (tick === false) return;
      if (tick === null) {
        log.info("Shape test stopping");
        this.#stop = undefined;
        return this.#onShapeEnd();
      }
      if ("arrivalRate" in tick) {
        if (!isSameArrivalTick(previousArrival, tick)) startArrivalTick(this.#environment, this.#runner, tick, !previousArrival);
        previousArrival = tick;
        previous = undefined; // a later user-count tick re-targets even if it equals the one before
      } else if (!sameTick(previous, tick)) {
        previousArrival = undefined;
        log.info(`Shape test updating to ${tick.userCount} users at ${tick.spawnRate.toFixed(2)} spawn rate`);
        previous = tick;
        void this.#runner.start(tick.userCount, tick.spawnRate, tick.userClasses?.map((cls) => cls.name) ?? null);
      }
      await clock.sleep(Math.max(TICK_INTERVAL_MS - (clock.monotonic() - started), 0), signal);
    }
  }

  /**
   * One validated tick; `false` when `tick()` threw or returned garbage. Locust logs that and keeps the run going
   * without its shape (a headless run then never ends); here the runner stops the test in order (exit code 2).
   */
  #tick(shape: LoadTestShape): ParsedShapeTick | ParsedArrivalTick | null | false {
    let raw: unknown;
    try {
      raw = shape.tick();
    } catch (err) {
      return this.#fail(err, `${shape.constructor.name}.tick()`);
    }
    try {
      return isArrivalTick(raw) ? parseArrivalTick(raw) : parseShapeTick(raw);
    } catch (err) {
      return this.#fail(err);
    }
  }

  #fail(error: unknown, during?: string): false {
    this.#stop = undefined;
    this.#runner.fail(error, { setup: false, during });
    return false;
  }
}
