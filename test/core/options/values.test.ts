import { describe, expect, test } from "bun:test";
import { OptionError } from "../../../src/core/options/option-error.ts";
import {
  parseBool,
  parseHost,
  parseInteger,
  parseList,
  parseLogLevel,
  parseNonNegativeInt,
  parseNumber,
  parsePort,
  parsePositiveFloat,
  parsePositiveInt,
  parseTimespan,
} from "../../../src/core/options/values.ts";

function errorOf(fn: () => unknown): OptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error("expected an OptionError");
}

describe("parseTimespan", () => {
  test.each([
    ["7", 7],
    ["7s", 7],
    ["1m", 60],
    ["2h", 7200],
    ["1h3m7s", 3787],
    ["1h20m", 4800],
    ["3h30m10s", 12610],
    ["0", 0],
    [" 20m ", 1200],
  ])("turns %p into %p seconds", (text, seconds) => {
    expect(parseTimespan(text)).toBe(seconds);
  });

  test.each(["1h2m3", "2h3m5s6", "1h30", "30m45", "", "q", "1.5", "-5", "5s1h", "1d"])(
    "rejects %p naming the flag, the value and the valid formats",
    (text) => {
      const error = errorOf(() => parseTimespan(text));
      expect(error.message).toBe(
        `invalid value for --run-time: '${text}' is not a time span; valid formats are: 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.`,
      );
      expect(error.exitCode).toBe(2);
    },
  );

  test("names the flag it was given", () => {
    expect(errorOf(() => parseTimespan("x", "--stop-timeout")).message).toStartWith("invalid value for --stop-timeout: 'x'");
  });

  test("600h is 2,160,000 s (longer than a timer's 24.8 days; the clock chains timers for it)", () => {
    expect(parseTimespan("600h")).toBe(2_160_000);
  });

  test.each(["9".repeat(400), `${"9".repeat(400)}h`])("rejects a span too long to be a number", (text) => {
    expect(errorOf(() => parseTimespan(text)).message).toBe(`invalid value for --run-time: '${text}' is too large`);
  });
});

describe("integer parsers", () => {
  test.each([
    ["10", 10],
    ["-1", -1],
    ["+3", 3],
    [" 42 ", 42],
  ])("parseInteger reads %p as %p", (text, value) => {
    expect(parseInteger(text, "--autoquit")).toBe(value);
  });

  test.each(["abc", "1.5", "", "10x", "1e3", "99999999999999999999"])("parseInteger rejects %p", (text) => {
    expect(errorOf(() => parseInteger(text, "--users")).message).toStartWith(`invalid value for --users: '${text}' is`);
  });

  test("says plainly when the value is not an integer", () => {
    expect(errorOf(() => parseInteger("abc", "--users")).message).toBe("invalid value for --users: 'abc' is not an integer");
  });

  test("parsePositiveInt accepts 1 and rejects 0", () => {
    expect(parsePositiveInt("1", "--expect-workers")).toBe(1);
    expect(errorOf(() => parsePositiveInt("0", "--expect-workers")).message).toBe(
      "invalid value for --expect-workers: '0' must be a positive integer (1 or more)",
    );
  });

  test("parseNonNegativeInt accepts 0 and rejects -1", () => {
    expect(parseNonNegativeInt("0", "--users")).toBe(0);
    expect(errorOf(() => parseNonNegativeInt("-1", "--users")).message).toBe(
      "invalid value for --users: '-1' must be 0 or more",
    );
  });

  test.each([
    ["0", 0],
    ["8089", 8089],
    ["65535", 65535],
  ])("parsePort accepts %p", (text, port) => {
    expect(parsePort(text, "--web-port")).toBe(port);
  });

  test.each(["65536", "-1", "http"])("parsePort rejects %p", (text) => {
    expect(() => parsePort(text, "--web-port")).toThrow(OptionError);
  });
});

describe("number parsers", () => {
  test.each([
    ["1", 1],
    ["0.5", 0.5],
    [".5", 0.5],
    ["2.", 2],
    ["1e2", 100],
    ["-3.25", -3.25],
  ])("parseNumber reads %p as %p", (text, value) => {
    expect(parseNumber(text, "--x")).toBe(value);
  });

  test.each(["", "0x10", "abc", "1,5", "Infinity", "NaN"])("parseNumber rejects %p", (text) => {
    expect(errorOf(() => parseNumber(text, "--x")).message).toBe(`invalid value for --x: '${text}' is not a number`);
  });

  test.each(["1e400", "-1e400", "9".repeat(400)])("parseNumber rejects %p, which overflows to Infinity", (text) => {
    expect(errorOf(() => parseNumber(text, "--spawn-rate")).message).toBe(`invalid value for --spawn-rate: '${text}' is too large`);
  });

  test("parsePositiveFloat requires a spawn rate above zero", () => {
    expect(parsePositiveFloat("0.1", "--spawn-rate")).toBe(0.1);
    expect(errorOf(() => parsePositiveFloat("0", "--spawn-rate")).message).toBe(
      "invalid value for --spawn-rate: '0' must be greater than 0",
    );
    expect(() => parsePositiveFloat("-2", "--spawn-rate")).toThrow("must be greater than 0");
  });
});

describe("parseBool", () => {
  test.each([
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["1", true],
    ["on", true],
    ["false", false],
    ["No", false],
    ["0", false],
    ["OFF", false],
  ])("reads %p as %p", (text, value) => {
    expect(parseBool(text, "--headless")).toBe(value);
  });

  test("rejects other words", () => {
    expect(errorOf(() => parseBool("maybe", "--headless")).message).toBe(
      "invalid value for --headless: 'maybe' is not a boolean (use true/false, yes/no, 1/0 or on/off)",
    );
  });
});

describe("parseHost", () => {
  test.each([
    "http://localhost:8080",
    "https://www.example.com/base",
    "mqtt://broker:1883",
    "postgres://user:secret@db:5432/app",
    "mongodb+srv://cluster.example.net",
    "ws://127.0.0.1:9000/socket",
  ])("accepts %p unchanged", (url) => {
    expect(parseHost(url)).toBe(url);
  });

  test("suggests http:// for a bare host and port", () => {
    expect(errorOf(() => parseHost("localhost:8080")).message).toBe(
      "invalid value for --host: 'localhost:8080' is not a URL; expected scheme://host, e.g. https://example.com (did you mean 'http://localhost:8080'?)",
    );
  });

  test.each(["", "http//x", "://x", "not a url", "http://"])("rejects %p", (text) => {
    expect(() => parseHost(text)).toThrow(OptionError);
  });

  test("rejects a scheme followed by something that is not a URL", () => {
    expect(errorOf(() => parseHost("http://exa mple.com")).message).toBe(
      "invalid value for --host: 'http://exa mple.com' is not a URL; expected scheme://host, e.g. https://example.com",
    );
    expect(errorOf(() => parseHost("http://[::1")).message).toBe("invalid value for --host: 'http://[::1' is not a valid URL");
  });
});

describe("parseLogLevel", () => {
  test.each([
    ["debug", "DEBUG"],
    ["Info", "INFO"],
    ["WARNING", "WARNING"],
    ["error", "ERROR"],
    ["critical", "CRITICAL"],
  ])("reads %p as %p", (text, level) => {
    expect(parseLogLevel(text)).toBe(level as ReturnType<typeof parseLogLevel>);
  });

  test("lists the valid levels when the level is unknown", () => {
    expect(errorOf(() => parseLogLevel("verbose")).message).toBe(
      "invalid value for --loglevel: 'verbose' is not a log level; valid values are: DEBUG/INFO/WARNING/ERROR/CRITICAL",
    );
  });
});

describe("parseList", () => {
  test.each([
    ["a b", ["a", "b"]],
    ["a,b", ["a", "b"]],
    ["a, b ,c", ["a", "b", "c"]],
    ["[a, b]", ["a", "b"]],
    ["[include this, other tag]", ["include this", "other tag"]],
    ["['a', \"b\"]", ["a", "b"]],
    ["[]", []],
    ["", []],
    ["single", ["single"]],
  ])("splits %p into %p", (text, list) => {
    expect(parseList(text)).toEqual(list);
  });
});
