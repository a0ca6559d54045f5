import { LocustError } from "../errors.ts";

/** How a dispatch cycle is paced: users added (or removed) per iteration and the wait between iterations. */
export interface SpawnPacing {
  /** `max(1, floor(spawnRate))`. */
  readonly usersPerIteration: number;
  /** `usersPerIteration / spawnRate`, in milliseconds. */
  readonly waitMs: number;
}

/**
 * Locust's pacing for a spawn rate: whole users per iteration, and a wait that keeps the average rate exact
 * (rate 2.4 → 2 users every 833.3 ms; rate 0.5 → 1 user every 2 s).
 * @throws LocustError when the rate is not a finite number above 0.
 */
export function computeSpawnPacing(spawnRate: number): SpawnPacing {
  if (!(spawnRate > 0) || !Number.isFinite(spawnRate)) {
    throw new LocustError(`Invalid spawn rate ${spawnRate}: it must be a number greater than 0.`, {
      code: "INVALID_SPAWN_RATE",
      hint: "Pass a spawn rate such as 1 or 0.5 (users started per second).",
    });
  }
  const usersPerIteration = Math.max(1, Math.floor(spawnRate));
  return { usersPerIteration, waitMs: (usersPerIteration / spawnRate) * 1000 };
}
