import type { Environment } from "../environment.ts";
import { createLogger } from "../log.ts";
import type { Runner } from "../runner/runner.ts";
import { Ticker } from "../ticker.ts";
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
  readonly #ticker: Ticker;
  #previous: ParsedShapeTick | undefined;
  #previousArrival: ParsedArrivalTick | undefined;

  constructor(environment: Environment, runner: Runner, onShapeEnd: () => void) {
    this.#environment = environment;
    this.#runner = runner;
    this.#onShapeEnd = onShapeEnd;
    this.#ticker = new Ticker(environment.clock, TICK_INTERVAL_MS, () => this.#step(), { firstTickAfterMs: 0 });
  }

  /** Starts ticking (no-op without a shape or when already ticking). */
  start(): void {
    if (!this.#environment.shape || this.#ticker.running) return;
    log.info("Shape test starting. User count and spawn rate are ignored for this type of load test");
    this.#environment.shape.resetTime();
    this.#previous = undefined;
    this.#previousArrival = undefined;
    this.#ticker.start();
  }

  stop(): void {
    this.#ticker.stop();
  }

  #step(): "stop" | undefined {
    const tick = this.#tick(this.#environment.shape!);
    if (tick === false) return "stop";
    if (tick === null) {
      log.info("Shape test stopping");
      this.#onShapeEnd();
      return "stop";
    }
    if ("arrivalRate" in tick) {
      if (!isSameArrivalTick(this.#previousArrival, tick)) {
        startArrivalTick(this.#environment, this.#runner, tick, !this.#previousArrival);
      }
      this.#previousArrival = tick;
      this.#previous = undefined; // a later user-count tick re-targets even if it equals the one before
    } else if (!sameTick(this.#previous, tick)) {
      this.#previousArrival = undefined;
      log.info(`Shape test updating to ${tick.userCount} users at ${tick.spawnRate.toFixed(2)} spawn rate`);
      this.#previous = tick;
      void this.#runner.start(tick.userCount, tick.spawnRate, tick.userClasses?.map((cls) => cls.name) ?? null);
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
    this.#runner.fail(error, { setup: false, during });
    return false;
  }
}
