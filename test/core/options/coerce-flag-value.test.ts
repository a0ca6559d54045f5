import { describe, expect, test } from "bun:test";
import { ArgumentTable } from "../../../src/core/options/argument-table.ts";
import { coerceFlagValue } from "../../../src/core/options/coerce-flag-value.ts";
import type { FlagSpec } from "../../../src/core/options/flags.ts";
import { createTempDir } from "./temp-dir.ts";

const table = new ArgumentTable();
const flag = (name: string): FlagSpec => {
  const found = table.findFlag(name);
  if (!found) throw new Error(`no flag ${name}`);
  return found;
};
const coerce = (name: string, raw: unknown, cwd = ".") => coerceFlagValue(flag(name), raw, { label: name, cwd });

describe("coerceFlagValue", () => {
  test("parses text by the flag's kind", () => {
    expect(coerce("--users", "10")).toBe(10);
    expect(coerce("--spawn-rate", "0.5")).toBe(0.5);
    expect(coerce("--run-time", "1h30m")).toBe(5400);
    expect(coerce("--headless", "yes")).toBe(true);
    expect(coerce("--loglevel", "debug")).toBe("DEBUG");
    expect(coerce("--host", "https://x.test")).toBe("https://x.test");
    expect(coerce("--tags", "[a, b]")).toEqual(["a", "b"]);
  });

  test("accepts JSON and TOML scalars from config files", () => {
    expect(coerce("--users", 25)).toBe(25);
    expect(coerce("--headless", true)).toBe(true);
    expect(coerce("--run-time", 90)).toBe(90);
    expect(coerce("--tags", ["a", "b,c", 3])).toEqual(["a", "b", "c", "3"]);
    expect(coerce("--users", ["7"])).toBe(7);
  });

  test("rejects values of the wrong shape with one line naming the source", () => {
    expect(() => coerce("--users", 2.5)).toThrow("invalid value for --users: '2.5' is not an integer");
    expect(() => coerce("--users", true)).toThrow("invalid value for --users: expected one integer, got true");
    expect(() => coerce("--host", ["a", "b"])).toThrow('invalid value for --host: expected one URL, got ["a","b"]');
    expect(() => coerce("--tags", { a: 1 })).toThrow('invalid value for --tags: {"a":1} is not a list of words');
  });

  test("checks the choices of a custom option", () => {
    const custom = new ArgumentTable().addArgument("--mode", { choices: ["fast", "slow"] });
    const context = { label: "--mode", cwd: "." };
    expect(coerceFlagValue(custom, "fast", context)).toBe("fast");
    expect(() => coerceFlagValue(custom, "medium", context)).toThrow(
      "invalid value for --mode: 'medium' is not one of: fast, slow",
    );
  });

  test("reads --config-users from JSON text, JSON arrays, objects and .json files", async () => {
    await using dir = await createTempDir();
    await dir.write("users.json", JSON.stringify([{ user_class_name: "B", weight: 2 }]));
    expect(coerce("--config-users", ['{"user_class_name": "A"}', "users.json"], dir.path)).toEqual([
      { user_class_name: "A" },
      { user_class_name: "B", weight: 2 },
    ]);
    expect(coerce("--config-users", [{ user_class_name: "C" }])).toEqual([{ user_class_name: "C" }]);
  });

  test("rejects --config-users without a user_class_name, bad JSON or a missing file", () => {
    expect(() => coerce("--config-users", ['{"weight": 1}'])).toThrow(
      "invalid value for --config-users: the user config must specify a user_class_name",
    );
    expect(() => coerce("--config-users", ["{not json"])).toThrow("invalid value for --config-users: '{not json' is not valid JSON");
    expect(() => coerce("--config-users", ["missing.json"], "/nonexistent-dir")).toThrow(
      "invalid value for --config-users: 'missing.json' could not read the JSON file",
    );
  });
});
