import { describe, expect, test } from "bun:test";
import { properRound } from "../../../src/core/python/index.ts";

describe("properRound (Locust's proper_round; expected values from Python)", () => {
  test.each([
    [1.5, 0, 2],
    [2.5, 0, 3],
    [4.5, 0, 5],
    [2.05, 0, 2],
    [1.499999999, 0, 1],
    [0, 2, 0],
    [187.71428571428572, 2, 187.71],
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [-2.5, 0, -2],
  ])("properRound(%d, %d) = %d", (x, digits, expected) => {
    expect(properRound(x, digits)).toBe(expected);
  });
});
