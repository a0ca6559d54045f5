import { realClock, type Clock } from "../clock.ts";
import { LocustError } from "../errors.ts";
import type { ArrivalShapeTick } from "./arrival-tick.ts";

/** A user class as a shape names it (any class constructor; the driver maps it to its name). */
export type UserClassRef = abstract new (...args: never[]) => unknown;

/**
 * What {@link LoadTestShape.tick} returns for a running stage: `[userCount, spawnRate]`,
 * `[userCount, spawnRate, userClasses]`, or the same as an object. `userClasses` (or `null`) restricts which
 * classes new users are drawn from; omitted or `null` keeps the previous restriction, as in Locust.
 */
export type ShapeTick =
  | readonly [userCount: number, spawnRate: number]
  | readonly [userCount: number, spawnRate: number, userClasses: readonly UserClassRef[] | null]
  | { readonly userCount: number; readonly spawnRate: number; readonly userClasses?: readonly UserClassRef[] | null }
  | ArrivalShapeTick;

/** A validated tick in one form. */
export interface ParsedShapeTick {
  readonly userCount: number;
  readonly spawnRate: number;
  readonly userClasses: readonly UserClassRef[] | null;
}

/** The part of the runner a shape reads. The Environment assigns the real runner. */
export interface ShapeRunnerView {
  readonly userCount: number;
}

/**
 * Base class for a custom load shape: the shape driver calls {@link tick} about once a second and ramps the run
 * to what it returns; `null` ends the test. A locustfile exports at most one concrete subclass. A subclass is
 * concrete unless it sets `static override abstract = true` on itself (the flag is not inherited).
 *
 * @example
 * import { LoadTestShape, type ShapeTick } from "locust-bun";
 *
 * // 10 users for a minute, 50 until minute three, back to 10 until minute four, then stop.
 * export class StagesShape extends LoadTestShape {
 *   stages = [
 *     { until: 60, users: 10, spawnRate: 10 },
 *     { until: 180, users: 50, spawnRate: 10 },
 *     { until: 240, users: 10, spawnRate: 10 },
 *   ];
 *
 *   override tick(): ShapeTick | null {
 *     const runTime = this.getRunTime();
 *     const stage = this.stages.find((s) => runTime < s.until);
 *     return stage ? [stage.users, stage.spawnRate] : null;
 *   }
 * }
 * @see https://docs.locust.io/en/stable/custom-load-shape.html
 */
export abstract class LoadTestShape {
  /** Marks a class as a base for other shapes rather than a runnable one. Checked on the class itself only. */
  static abstract = true;

  /** When false (Locust's default) the UI hides users/spawn rate/run time and CLI values for them are ignored. */
  useCommonOptions = false;
  /** The runner this shape drives; assigned by the Environment. */
  runner: ShapeRunnerView | undefined = undefined;
  /** Where run time is read. After replacing it, call {@link resetTime} (the shape driver does so on start). */
  clock: Clock;
  #startMs: number;

  constructor(clock: Clock = realClock) {
    this.clock = clock;
    this.#startMs = clock.monotonic();
  }

  /**
   * The desired state right now: `[userCount, spawnRate]`, `[userCount, spawnRate, userClasses]` (or the object
   * form), an arrival rate `{ arrivalRate, maxUsers? }` (the open model), or `null` to stop the test. Called about
   * once a second; must not block.
   */
  abstract tick(): ShapeTick | null;

  /** Seconds (float) since construction or the last {@link resetTime}, from the monotonic clock. */
  getRunTime(): number {
    return (this.clock.monotonic() - this.#startMs) / 1000;
  }

  /** Restarts {@link getRunTime} from 0; called when the shape starts and when the master starts a test. */
  resetTime(): void {
    this.#startMs = this.clock.monotonic();
  }

  /** Users the runner currently has (0 before a runner is attached). */
  getCurrentUserCount(): number {
    return this.runner?.userCount ?? 0;
  }
}

/** True when `value` is `LoadTestShape` or a subclass of it. */
export function isLoadTestShapeClass(value: unknown): value is typeof LoadTestShape {
  return typeof value === "function" && (value === LoadTestShape || value.prototype instanceof LoadTestShape);
}

/** True when the class itself (not a base) sets `static abstract = true`. */
export function isAbstractShapeClass(shapeClass: UserClassRef): boolean {
  return Object.hasOwn(shapeClass, "abstract") && (shapeClass as unknown as { abstract: unknown }).abstract === true;
}

/**
 * Validates a tick result and brings it to one form; `null`/`undefined` (end of test) give `null`.
 * @throws LocustError naming the bad part: a user count that is not a whole number ≥ 0, a spawn rate not above 0,
 *   or user classes that are not a list of classes.
 */
export function parseShapeTick(tick: unknown): ParsedShapeTick | null {
  if (tick === null || tick === undefined) return null;
  const parts = toParts(tick);
  const [userCount, spawnRate, userClasses] = parts;
  if (typeof userCount !== "number" || !Number.isInteger(userCount) || userCount < 0) {
    throw tickError(`user count ${formatValue(userCount)} is not a whole number of 0 or more`);
  }
  if (typeof spawnRate !== "number" || !(spawnRate > 0) || !Number.isFinite(spawnRate)) {
    throw tickError(`spawn rate ${formatValue(spawnRate)} is not a number above 0`);
  }
  if (userClasses === null || userClasses === undefined) return { userCount, spawnRate, userClasses: null };
  if (!Array.isArray(userClasses) || !userClasses.every((cls) => typeof cls === "function")) {
    throw tickError("user classes must be a list of User classes or null");
  }
  return { userCount, spawnRate, userClasses: [...userClasses] };
}

function toParts(tick: unknown): unknown[] {
  if (Array.isArray(tick)) {
    if (tick.length === 2 || tick.length === 3) return tick;
    throw tickError(`expected 2 or 3 elements, got ${tick.length}`);
  }
  if (typeof tick === "object") {
    const { userCount, spawnRate, userClasses } = tick as Record<string, unknown>;
    return [userCount, spawnRate, userClasses];
  }
  throw tickError(`expected [userCount, spawnRate], [userCount, spawnRate, userClasses] or null, got ${typeof tick}`);
}

function formatValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function tickError(detail: string): LocustError {
  return new LocustError(`LoadTestShape.tick() returned an invalid value: ${detail}.`, {
    code: "INVALID_SHAPE_TICK",
    hint: "Return [userCount, spawnRate], [userCount, spawnRate, userClasses], or null to stop.",
  });
}
