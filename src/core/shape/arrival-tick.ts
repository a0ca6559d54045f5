/**
 * The arrival-rate form of a shape tick (k6's ramping-arrival-rate): `{ arrivalRate, maxUsers?,
 * preAllocatedUsers?, userClasses? }`. Returning a different rate each tick ramps the rate.
 * @module
 */
import { LocustError } from "../errors.ts";
import type { UserClassRef } from "./load-test-shape.ts";

/** Pool ceiling when neither the tick nor `--max-users` names one. */
export const DEFAULT_MAX_USERS = 1000;

/** What a shape's `tick()` returns to run iterations at a rate instead of a user count. */
export interface ArrivalShapeTick {
  /** Iterations per second (0 pauses). */
  readonly arrivalRate: number;
  /** Pool ceiling; default `--max-users`, else 1000. */
  readonly maxUsers?: number;
  /** Users created before the first iteration (first tick only). */
  readonly preAllocatedUsers?: number;
  readonly userClasses?: readonly UserClassRef[] | null;
}

/** A validated arrival tick. */
export interface ParsedArrivalTick {
  readonly arrivalRate: number;
  readonly maxUsers: number | undefined;
  readonly preAllocatedUsers: number | undefined;
  readonly userClasses: readonly UserClassRef[] | null;
}

/** True when a tick is in the arrival-rate form. */
export function isArrivalTick(tick: unknown): tick is ArrivalShapeTick {
  return typeof tick === "object" && tick !== null && !Array.isArray(tick) && "arrivalRate" in tick;
}

/**
 * Validates an arrival tick.
 * @throws LocustError naming the bad field.
 */
export function parseArrivalTick(tick: ArrivalShapeTick): ParsedArrivalTick {
  const { arrivalRate, maxUsers, preAllocatedUsers, userClasses } = tick as unknown as Record<string, unknown>;
  if (typeof arrivalRate !== "number" || !(arrivalRate >= 0) || !Number.isFinite(arrivalRate)) {
    throw tickError(`arrivalRate ${String(arrivalRate)} is not a number of 0 or more`);
  }
  for (const [field, value] of [["maxUsers", maxUsers], ["preAllocatedUsers", preAllocatedUsers]] as const) {
    if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0)) {
      throw tickError(`${field} ${String(value)} is not a whole number of 0 or more`);
    }
  }
  if (userClasses !== undefined && userClasses !== null && !(Array.isArray(userClasses) && userClasses.every((cls) => typeof cls === "function"))) {
    throw tickError("userClasses must be a list of User classes or null");
  }
  return {
    arrivalRate,
    maxUsers: maxUsers as number | undefined,
    preAllocatedUsers: preAllocatedUsers as number | undefined,
    userClasses: (userClasses as UserClassRef[] | null | undefined) ?? null,
  };
}

/** True when two arrival ticks ask for the same thing (the driver then leaves the run alone). */
export function isSameArrivalTick(a: ParsedArrivalTick | undefined, b: ParsedArrivalTick): boolean {
  if (!a || a.arrivalRate !== b.arrivalRate || a.maxUsers !== b.maxUsers) return false;
  return (a.userClasses?.map((c) => c.name).join(",") ?? "") === (b.userClasses?.map((c) => c.name).join(",") ?? "");
}

function tickError(detail: string): LocustError {
  return new LocustError(`LoadTestShape.tick() returned an invalid arrival rate: ${detail}.`, {
    code: "INVALID_SHAPE_TICK",
    hint: "Return { arrivalRate, maxUsers?, preAllocatedUsers?, userClasses? }, or null to stop.",
  });
}
