import { describe, expect, test } from "bun:test";
import { ArgumentTable } from "../../../src/core/options/argument-table.ts";
import { FLAGS } from "../../../src/core/options/flags.ts";
import { formatHelp } from "../../../src/core/options/help.ts";

describe("formatHelp", () => {
  const help = formatHelp();

  test("starts with the usage line", () => {
    expect(help.split("\n")[0]).toBe("Usage: locust-bun [options] [UserClass ...]");
    expect(formatHelp(new ArgumentTable(), { programName: "lb" })).toStartWith("Usage: lb [options]");
  });

  test("lists every visible flag with its short alias and metavar", () => {
    for (const flag of FLAGS.filter((row) => !row.hidden && !row.removed)) {
      const names = flag.short ? `${flag.short}, ${flag.long}` : flag.long;
      expect(help).toContain(`  ${names}${flag.metavar ? ` ${flag.metavar}` : ""}`);
    }
  });

  test("leaves hidden and removed flags out", () => {
    for (const long of ["--headful", "--legacy-ui", "--slave", "--expect-slaves", "--hatch-rate", "--build-path"]) {
      expect(help).not.toContain(`  ${long}`);
    }
  });

  test("groups flags under Locust's section titles in Locust's order", () => {
    const titles = help.split("\n").filter((line) => line.endsWith(" options:"));
    expect(titles).toEqual([
      "Common options:",
      "Web UI options:",
      "Master options:",
      "Worker options:",
      "Tag options:",
      "Request statistics options:",
      "Threshold options:",
      "Logging options:",
      "Other options:",
    ]);
    expect(help.indexOf("--web-port")).toBeGreaterThan(help.indexOf("Web UI options:"));
    expect(help.indexOf("--web-port")).toBeLessThan(help.indexOf("Master options:"));
  });

  test("keeps every line within the width", () => {
    for (const width of [80, 100]) {
      const lines = formatHelp(new ArgumentTable(), { width }).split("\n");
      // A flag name longer than the column sits on its own line and may not be wrapped.
      for (const line of lines.filter((text) => !text.startsWith("  -"))) expect(line.length).toBeLessThanOrEqual(width);
    }
  });

  test("adds custom options under their own section", () => {
    const table = new ArgumentTable();
    table.addArgument("--my-token", { help: "The API token to use for every request." });
    const text = formatHelp(table);
    expect(text).toContain("Custom options:");
    expect(text).toMatch(/ {2}--my-token <string> +The API token to use for every request\./);
  });
});
