import { describe, expect, test } from "bun:test";
import { parseConfText } from "../../../src/core/options/conf-text.ts";

describe("parseConfText", () => {
  test("reads key = value, key: value and key value lines", () => {
    const text = "users = 100\nspawn-rate: 10\nrun-time 10m\n";
    expect(parseConfText(text).entries.map(({ key, value }) => [key, value])).toEqual([
      ["users", "100"],
      ["spawn-rate", "10"],
      ["run-time", "10m"],
    ]);
  });

  test("skips comments, blank lines and section headers, and removes inline comments and quotes", () => {
    const text = [
      "# a comment",
      "; another",
      "[locust]",
      "",
      "host = http://example.com/#anchor  # the target",
      'locustfile = "my file.ts" ; quoted',
      "tags = [Critical, Normal]",
    ].join("\r\n");
    expect(parseConfText(text)).toEqual({
      entries: [
        { key: "host", value: "http://example.com/#anchor", line: 5 },
        { key: "locustfile", value: "my file.ts", line: 6 },
        { key: "tags", value: "[Critical, Normal]", line: 7 },
      ],
      badLines: [],
    });
  });

  test("reads a bare key as a switched-on flag and keeps = inside values", () => {
    expect(parseConfText("headless\nconfig-users = {\"a\": \"b=c\"}").entries).toEqual([
      { key: "headless", value: undefined, line: 1 },
      { key: "config-users", value: '{"a": "b=c"}', line: 2 },
    ]);
  });

  test("reports the numbers of lines it cannot read", () => {
    expect(parseConfText("users = 1\n= 5\n!!!\n").badLines).toEqual([2, 3]);
  });
});
