import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { ArgumentTable, createArgumentTable, toOptionKey } from "../../../src/core/options/argument-table.ts";
import { FLAGS } from "../../../src/core/options/flags.ts";

describe("toOptionKey", () => {
  test.each([
    ["--my-arg", "myArg"],
    ["--spawn-rate", "spawnRate"],
    ["my_custom_arg", "myCustomArg"],
    ["--x", "x"],
  ])("turns %p into %p", (name, key) => {
    expect(toOptionKey(name)).toBe(key);
  });
});

describe("ArgumentTable", () => {
  test("starts with every built-in flag and finds them by long and short name", () => {
    const table = createArgumentTable();
    expect(table.flags.length).toBe(FLAGS.length);
    expect(table.findFlag("--spawn-rate")?.key).toBe("spawnRate");
    expect(table.findFlag("-r")?.key).toBe("spawnRate");
    expect(table.findFlag("--nope")).toBeUndefined();
    expect(table.findEnv("LOCUST_MODE_MASTER")?.key).toBe("master");
  });

  test.each(["spawn-rate", "--spawn-rate", "spawn_rate", "spawnRate"])("finds config key %p", (key) => {
    expect(createArgumentTable().findConfigKey(key)?.long).toBe("--spawn-rate");
  });

  test("maps config keys to long names, not option keys, where they differ", () => {
    const table = createArgumentTable();
    expect(table.findConfigKey("csv")?.key).toBe("csvPrefix");
    expect(table.findConfigKey("html")?.key).toBe("htmlFile");
    expect(table.findConfigKey("users")?.key).toBe("users");
  });

  test("adds a custom option with a derived key, env var and web UI settings", () => {
    const table = new ArgumentTable();
    const flag = table.addArgument("--my-token", { help: "API token", isSecret: true, default: "" });
    expect(flag).toEqual({
      long: "--my-token",
      short: undefined,
      key: "myToken",
      env: "LOCUST_MY_TOKEN",
      default: "",
      kind: "string",
      metavar: "<string>",
      help: "API token",
      group: "Custom",
      choices: undefined,
      webUi: { includeInWebUi: true, isSecret: true, isRequired: false },
    });
    expect(table.findFlag("--my-token")).toBe(flag);
    expect(table.findEnv("LOCUST_MY_TOKEN")).toBe(flag);
    expect(table.customFlags).toEqual([flag]);
  });

  test("takes a short alias, an explicit env var, or none", () => {
    const table = new ArgumentTable();
    const flag = table.addArgument(["-m", "--mode-x"], { type: "int", env: "MY_MODE" });
    expect([flag.short, flag.env, flag.kind, flag.default]).toEqual(["-m", "MY_MODE", "int", undefined]);
    expect(table.findFlag("-m")).toBe(flag);
    expect(table.addArgument("--quiet-thing", { env: false, default: false }).env).toBeUndefined();
  });

  test("infers a boolean option from a boolean default", () => {
    const flag = new ArgumentTable().addArgument("--dry", { default: true });
    expect(flag.kind).toBe("bool");
  });

  test.each([["--users"], [["-u", "--my-users"]], ["--spawnRate"]])("refuses %p because it clashes", (names) => {
    const table = new ArgumentTable();
    expect(() => table.addArgument(names)).toThrow(LocustError);
  });

  test("refuses a custom env var that a built-in uses", () => {
    expect(() => new ArgumentTable().addArgument("--other", { env: "LOCUST_USERS" })).toThrow(
      "option 'LOCUST_USERS' is already defined",
    );
  });

  test.each([["users"], ["-users"], [["--a-b", "--c-d"]], [[]]])("refuses malformed names %p", (names) => {
    expect(() => new ArgumentTable().addArgument(names)).toThrow("invalid option name(s)");
  });

  test("suggests visible flags and config keys, never removed ones", () => {
    const table = createArgumentTable();
    expect(table.suggestFlag("--hedless")).toBe("--headless");
    expect(table.suggestFlag("--slav")).not.toBe("--slave");
    expect(table.suggestConfigKey("spawn-rte")).toBe("spawn-rate");
    expect(table.suggestConfigKey("run_tim")).toBe("run-time");
  });
});
