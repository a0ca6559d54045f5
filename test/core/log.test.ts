import { describe, expect, test } from "bun:test";
import { LocustError } from "../../src/core/errors.ts";
import { formatErrorLine } from "../../src/core/log.ts";

function thrownHere(): Error {
  return new RangeError("out of stages\nsecond line");
}

describe("formatErrorLine: one line for an error outside a task", () => {
  test("an Error gives its name, first message line and the file:line:col it was created at", () => {
    expect(formatErrorLine(thrownHere())).toMatch(/^RangeError: out of stages \(at \/.*test\/core\/log\.test\.ts:\d+:\d+\)$/);
  });

  test("a LocustError gives its message and hint, no place", () => {
    expect(formatErrorLine(new LocustError("Bad thing.", { hint: "Do this" }))).toBe("Bad thing. (Do this)");
  });

  test.each([
    ["as a string", "plain words", "plain words"],
    ["as an object", { code: 7 }, '{"code":7}'],
    ["as undefined", undefined, "undefined"],
  ])("thrown %s is shown as Locust's repr", (_, value, line) => {
    expect(formatErrorLine(value)).toBe(line);
  });
});
