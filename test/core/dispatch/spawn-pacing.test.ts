import { describe, expect, test } from "bun:test";
import { computeSpawnPacing } from "../../../src/core/dispatch/spawn-pacing.ts";
import { LocustError } from "../../../src/core/errors.ts";

describe("computeSpawnPacing", () => {
  test.each([
    [0.5, 1, 2000],
    [1, 1, 1000],
    [2, 2, 1000],
    [2.4, 2, 833.333],
    [4, 4, 1000],
    [9, 9, 1000],
    [120, 120, 1000],
  ])("spawn rate %d adds %i users per iteration every %d ms", (spawnRate, usersPerIteration, waitMs) => {
    expect(computeSpawnPacing(spawnRate)).toEqual({ usersPerIteration, waitMs: expect.closeTo(waitMs, 2) });
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects spawn rate %d with a coded error", (rate) => {
    expect(() => computeSpawnPacing(rate)).toThrow(LocustError);
    try {
      computeSpawnPacing(rate);
    } catch (error) {
      expect((error as LocustError).code).toBe("INVALID_SPAWN_RATE");
    }
  });
});
