import { describe, expect, test } from "bun:test";
import { formatPythonFloat } from "../../../src/core/python/index.ts";

describe("formatPythonFloat (expected values from Python's repr)", () => {
  test.each([
    [49.5, "49.5"],
    [187.71428571428572, "187.71428571428572"],
    [0, "0.0"],
    [2, "2.0"],
    [-3, "-3.0"],
    [100, "100.0"],
    [1 / 3, "0.3333333333333333"],
    [1e16, "1e+16"],
    [1.5e16, "1.5e+16"],
    [1234567890123456, "1234567890123456.0"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [123456789.125, "123456789.125"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NaN, "nan"],
  ])("%d prints as %s", (x, text) => {
    expect(formatPythonFloat(x)).toBe(text);
  });
});
