import { describe, expect, test } from "bun:test";
import { formatCount, formatMs, formatPercent, formatRate, formatTick } from "../../src/ui/number-format.ts";

describe("number formatting shared by the page and the report", () => {
  test.each([
    [0, "0"], [0.4236, "0.42"], [8.317, "8.32"], [42.74, "42.7"], [50, "50"], [1234.4, "1,234"], [Number.NaN, "–"],
  ])("formatMs(%p) is %p", (ms, text) => expect(formatMs(ms)).toBe(text));

  test.each([
    [0, "0"], [0.25, "0.25"], [12.54, "12.5"], [1234.5, "1,234.5"], [140, "140.0"],
  ])("formatRate(%p) is %p", (rate, text) => expect(formatRate(rate)).toBe(text));

  test.each([
    [0, "0%"], [0.005, "0.5%"], [0.236, "24%"], [1, "100%"],
  ])("formatPercent(%p) is %p", (ratio, text) => expect(formatPercent(ratio)).toBe(text));

  test("counts and ticks are as short as they can be", () => {
    expect([formatCount(1486.2), formatTick(2.5), formatTick(150), formatTick(1500)]).toEqual(["1,486", "2.5", "150", "1,500"]);
  });
});
