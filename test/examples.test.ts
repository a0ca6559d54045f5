import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./support/run-cli.ts";

const EXAMPLES = readdirSync(join(REPO_ROOT, "examples")).filter((name) => name.endsWith(".ts"));
/** Examples written against the embedded demo shop; they can run for real with `--demo -f`. */
const DEMO_EXAMPLES = ["demo.ts", "tasksets.ts", "sequential.ts", "markov.ts", "events.ts", "catch-response.ts", "tags-and-pacing.ts", "thresholds.ts"];

describe("examples", () => {
  test.each(EXAMPLES)("%s loads and lists its users", async (name) => {
    const result = await runCli(["-f", `examples/${name}`, "--list"], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toStartWith("Available Users:\n    ");
  });

  test("every example's first line says what it shows and how to run it", async () => {
    for (const name of EXAMPLES) {
      const firstLine = (await Bun.file(join(REPO_ROOT, "examples", name)).text()).split("\n")[0]!;
      expect({ name, ok: firstLine.startsWith("// ") && /run/i.test(firstLine) }).toEqual({ name, ok: true });
    }
  });

  test.each(DEMO_EXAMPLES)("%s runs against the demo target without failures it does not expect", async (name) => {
    const result = await runCli(["--demo", "-f", `examples/${name}`, "-t", "1s", "-u", "4", "-r", "4", "--only-summary"], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/ Aggregated +[1-9]\d* /);
  });
});
