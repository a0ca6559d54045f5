import { describe, expect, test } from "bun:test";
import { formatFixed, formatTruncatedInt, padLeft, padRight } from "../../../src/core/python/index.ts";

describe("Python %-format pieces (expected values from Python)", () => {
  test.each([
    [0.125, 2, "0.12"],
    [0.375, 2, "0.38"],
    [1.875, 2, "1.88"],
    [-0.125, 2, "-0.12"],
    [2.5, 0, "2"],
    [3.5, 0, "4"],
    [1.005, 2, "1.00"],
    [14.285714285714286, 2, "14.29"],
    [4.5, 6, "4.500000"],
    [1 / 3, 6, "0.333333"],
    [0, 2, "0.00"],
  ])("%%.Nf of %d with %d digits is %s", (x, digits, text) => {
    expect(formatFixed(x, digits)).toBe(text);
  });

  test.each([
    [49.5, "49"],
    [0.99, "0"],
    [-0.5, "0"],
    [-1.7, "-1"],
  ])("%%d of %d is %s", (x, text) => {
    expect(formatTruncatedInt(x)).toBe(text);
  });

  test("padding counts code points and never truncates", () => {
    expect(padRight("ab", 4)).toBe("ab  ");
    expect(padLeft("ab", 4)).toBe("  ab");
    expect(padRight("😀", 3)).toBe("😀  ");
    expect(padLeft("toolong", 3)).toBe("toolong");
  });
});
