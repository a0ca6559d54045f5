import { describe, expect, test } from "bun:test";
import { formatPythonStringRepr } from "../../../src/core/python/index.ts";
import { StatsError, normalizeErrorText } from "../../../src/core/stats/stats-error.ts";

describe("normalizeErrorText", () => {
  test("masks the object address so errors differing only by address match", () => {
    const a = "ConnectionError(<urllib3.HTTPConnection object at 0x7f3a2b1c4d90>: refused)";
    const b = "ConnectionError(<urllib3.HTTPConnection object at 0x10ab2c3d4>: refused)";
    expect(normalizeErrorText(a)).toBe("ConnectionError(<urllib3.HTTPConnection object at 0x....>: refused)");
    expect(normalizeErrorText(a)).toBe(normalizeErrorText(b));
  });

  test.each([
    ["no address", "Error('boom')"],
    ["an address without a closing >", "object at 0x1234 never closed"],
  ])("leaves text with %s unchanged", (_, text) => {
    expect(normalizeErrorText(text)).toBe(text);
  });
});

describe("formatPythonStringRepr (outputs of Python's repr)", () => {
  test.each([
    ["boom", "'boom'"],
    ["Exception('Exception!')", `"Exception('Exception!')"`],
    [`both'"`, `'both\\'"'`],
    ['a\\b\n\u0001\u007f é "q"', `'a\\\\b\\n\\x01\\x7f é "q"'`],
  ])("repr of %j is %s", (text, repr) => {
    expect(formatPythonStringRepr(text)).toBe(repr);
  });
});

describe("StatsError", () => {
  test("locustKey is the SHA-256 of Locust's key string (values from Python hashlib)", () => {
    expect(new StatsError("GET", "/some-path", "Exception('Exception!')").locustKey).toBe(
      "ec58431392c836321aa04ad582e7dc3f75123fc7cddc141d03d2c8aebfb75cbe",
    );
    expect(new StatsError("GET", "/x", "boom").locustKey).toBe(
      "d2871aa744fc7ffb8e6c5e822f34fb531e6a62829c8760c4f747bf294793628f",
    );
  });

  test.each([
    ["CatchResponseError('Got wrong response')", "GET /a: CatchResponseError('Got wrong response')"],
    ["CatchResponseError('line one\\nline two')", "GET /a: CatchResponseError('line one\\nline two')"],
    ["Error('boom')", "GET /a: Error('boom')"],
    ["plain text", "GET /a: plain text"],
  ])("display name of %s is %s, as Locust 2.12 prints it", (text, display) => {
    expect(new StatsError("GET", "/a", text).displayName).toBe(display);
  });

  test("occurrences count with first and last seen; merge widens the seen range", () => {
    const error = new StatsError("GET", "/a", "x");
    error.occurred(100);
    error.occurred(110);
    error.mergeSerialized({ method: "GET", name: "/a", error: "x", occurrences: 3, firstSeen: 90, lastSeen: 120 });
    expect(error.serialize()).toEqual({ name: "/a", method: "GET", error: "x", occurrences: 5, firstSeen: 90, lastSeen: 120 });
  });
});
