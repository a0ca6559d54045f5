import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { OptionError } from "../../../src/core/options/option-error.ts";

describe("OptionError", () => {
  test("is a coded LocustError with one line per problem and a help hint", () => {
    const error = new OptionError([{ message: "first" }, { message: "second", exitCode: 1 }]);
    expect(error).toBeInstanceOf(LocustError);
    expect(error.message).toBe("first\nsecond");
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.hint).toBe("Run 'locust-bun --help' to see every option.");
    expect(error.name).toBe("OptionError");
  });

  test.each([
    ["a plain message", "bad", 2],
    ["one argument error", [{ message: "a" }], 2],
    ["an argument error among startup errors", [{ message: "a", exitCode: 1 }, { message: "b" }], 2],
    ["only startup errors: the first one's code", [{ message: "a", exitCode: 255 }, { message: "b", exitCode: 1 }], 255],
    ["a single problem object", { message: "a", exitCode: 1 }, 1],
  ] as const)("exits with the right code for %s", (_, problems, exitCode) => {
    expect(new OptionError(problems).exitCode).toBe(exitCode);
  });

  test("keeps its cause", () => {
    const cause = new SyntaxError("x");
    expect(new OptionError("bad", cause).cause).toBe(cause);
  });
});
