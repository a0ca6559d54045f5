import { describe, expect, test } from "bun:test";
import { ArgumentTable } from "../../../src/core/options/argument-table.ts";
import { parseArgv } from "../../../src/core/options/parse-argv.ts";

function rawValues(argv: string[], table = new ArgumentTable()) {
  const parsed = parseArgv(argv, table);
  return {
    values: Object.fromEntries([...parsed.values].map(([key, value]) => [key, value.raw])),
    positionals: parsed.positionals,
    problems: parsed.problems.map((problem) => problem.message),
  };
}

describe("parseArgv", () => {
  test.each([
    [["--users", "10"]],
    [["--users=10"]],
    [["-u", "10"]],
    [["-u=10"]],
    [["-u10"]],
  ])("reads %p as users 10", (argv) => {
    expect(rawValues(argv).values).toEqual({ users: "10" });
  });

  test("reads bare boolean flags as true and --flag=value as text to parse", () => {
    expect(rawValues(["--headless", "--autostart=false", "-l"]).values).toEqual({
      headless: true,
      autostart: "false",
      list: true,
    });
  });

  test("keeps negative numbers and a lone dash as values", () => {
    expect(rawValues(["--autoquit", "-1", "--processes", "-1", "-f", "-"]).values).toEqual({
      autoquit: "-1",
      processes: "-1",
      locustfile: "-",
    });
  });

  test("lets the last of a repeated flag win", () => {
    expect(rawValues(["-u", "1", "-u", "2"]).values).toEqual({ users: "2" });
  });

  test("lets list flags take every word up to the next flag and add up when repeated", () => {
    expect(rawValues(["-T", "a", "b", "--headless", "-T", "c", "--plugin", "p1", "--plugin=p2"]).values).toEqual({
      tags: ["a", "b", "c"],
      headless: true,
      plugin: ["p1", "p2"],
    });
  });

  test("gives a bare list flag an empty list", () => {
    expect(rawValues(["-T", "--headless"]).values).toEqual({ tags: [], headless: true });
  });

  test("treats non-flag words as user class names, before list flags or after --", () => {
    expect(rawValues(["WebUser", "-T", "x", "--", "ApiUser", "--not-a-flag"])).toEqual({
      values: { tags: ["x"] },
      positionals: ["WebUser", "ApiUser", "--not-a-flag"],
      problems: [],
    });
  });

  test("reports a value flag at the end without its value", () => {
    expect(rawValues(["--host"]).problems).toEqual(["option --host expects a value <base url>"]);
    expect(rawValues(["-u", "--headless"]).problems).toEqual(["option --users expects a value <int>"]);
  });

  test("reports unknown flags with the nearest known flag", () => {
    expect(rawValues(["--hedless", "--spawnrate", "2", "--zzzzzzzzzz", "-x"]).problems).toEqual([
      "unrecognized option '--hedless'. Did you mean '--headless'?",
      "unrecognized option '--spawnrate'. Did you mean '--spawn-rate'?",
      "unrecognized option '--zzzzzzzzzz'",
      "unrecognized option '-x'",
    ]);
  });

  test("suggests the long flag for a single-dash long name", () => {
    expect(rawValues(["-headless"]).problems).toEqual(["unrecognized option '-headless'. Did you mean '--headless'?"]);
  });

  test("reports removed flags with Locust's hint and swallows their value", () => {
    expect(rawValues(["--slave", "--expect-slaves", "--legacy-ui", "--step-load", "--step-users", "5"])).toEqual({
      values: {},
      positionals: [],
      problems: [
        "The --slave parameter has been renamed --worker",
        "The --expect-slaves parameter has been renamed --expect-workers",
        "--legacy-ui is no longer supported, remove the parameter to continue",
        "The step load feature was removed in Locust 1.3. You can achieve similar results using a LoadTestShape class. See https://docs.locust.io/en/stable/custom-load-shape.html",
        "The step load feature was removed in Locust 1.3. You can achieve similar results using a LoadTestShape class. See https://docs.locust.io/en/stable/custom-load-shape.html",
      ],
    });
  });

  test("knows custom options once they are registered", () => {
    const table = new ArgumentTable();
    expect(rawValues(["--my-arg", "v"], table).problems).toHaveLength(1);
    table.addArgument("--my-arg");
    expect(rawValues(["--my-arg", "v"], table).values).toEqual({ myArg: "v" });
  });
});
