import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../support/run-cli.ts";

const GOOD = `import { HttpUser, task } from "locust-bun";\nexport class Shop extends HttpUser {\n  @task home() { return this.client.get("/"); }\n}\n`;
const BROKEN = `import { HttpUser, task } from "locust-bun";\nexport class Shop extends HttpUser {\n  @task home() { return this.client.get("/";\n}\n`;

let dir: string;
const build = (args: readonly string[]) => runCli(["build", ...args], { cwd: dir, timeoutMs: 120_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "locust-bun-build-bad-"));
  writeFileSync(join(dir, "locustfile.ts"), GOOD);
  writeFileSync(join(dir, "broken.ts"), BROKEN);
  writeFileSync(join(dir, "unresolved.ts"), `import { HttpUser } from "locust-bun";\nimport { pick } from "./helpers.ts";\nexport class Shop extends HttpUser {}\nexport const p = pick;\n`);
  writeFileSync(join(dir, "a-file"), "");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("locust-bun build with bad input", () => {
  test("a locustfile that does not compile: one line with the file and position, exit code 1", async () => {
    const result = await build(["-f", "broken.ts", "-o", "out/broken"]);
    expect(result.stderr).toBe(`Could not build broken.ts:3:44: Expected ")" but found ";" (and 1 more error)\n`);
    expect(result.exitCode).toBe(1);
    expect(existsSync(join(dir, "out/broken"))).toBe(false);
  });

  test("an import that does not resolve names the importing line", async () => {
    const result = await build(["-f", "unresolved.ts", "-o", "out/unresolved"]);
    expect(result.stderr).toBe(`Could not build unresolved.ts:2:22: Could not resolve: "./helpers.ts"\n`);
    expect(result.exitCode).toBe(1);
  });

  test("a missing locustfile", async () => {
    const result = await build(["-f", "nope.ts"]);
    expect(result.stderr).toBe("Could not find 'nope.ts'. Ensure the file exists and ends in '.ts' or '.js'.\n");
    expect(result.exitCode).toBe(1);
  });

  test.each([
    ["a-file/loadtest", "ENOTDIR"],
    [".", "it is a folder"],
  ])("an unwritable output path (%p) is named with the reason", async (outfile, reason) => {
    const result = await build(["-f", "locustfile.ts", "-o", outfile]);
    expect(result.stderr).toStartWith(`Cannot write the executable to ${join(dir, outfile)}: `);
    expect(result.stderr).toContain(reason);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.exitCode).toBe(1);
  });

  test("an unknown --target is refused before building", async () => {
    const result = await build(["-f", "locustfile.ts", "-o", "out/foo", "--target", "linux-foo"]);
    expect(result.stderr).toStartWith("Unknown --target 'linux-foo'. Use one of linux-x64, linux-arm64,");
    expect(result.exitCode).toBe(2);
    expect(existsSync(join(dir, "out/foo"))).toBe(false);
  });

  test("--target naming this machine builds an executable that runs", async () => {
    const host = `linux-${process.arch === "arm64" ? "arm64" : "x64"}`;
    if (process.platform !== "linux") return void console.log(`skipped: the host-target check is written for Linux, not ${process.platform}`);
    const result = await build(["-f", "locustfile.ts", "-o", "out/host", "--target", host]);
    expect(result.stdout).toMatch(new RegExp(`^Built out/host \\(\\d+\\.\\d MiB, bun-${host}\\) from locustfile\\.ts in `));
    expect(result.exitCode).toBe(0);
    const listed = await runCli(["--list"], { cwd: dir, command: [join(dir, "out/host")] });
    expect(listed.stdout).toBe("Available Users:\n    Shop\n");
    expect(listed.exitCode).toBe(0);
  }, 120_000);

  test.each([{ args: ["--targt", "linux-arm64"] }, { args: ["-f", "locustfile.ts", "extra.ts"] }])("an unknown argument is refused: $args", async ({ args }) => {
    const result = await build(args);
    expect(result.stderr).toMatch(/^locust-bun build: unknown argument '(--targt|extra\.ts)' \(expected -f\/--locustfile, -o\/--outfile, --target\)\n$/);
    expect(result.exitCode).toBe(2);
  });

  test("build --help shows the subcommand's flags", async () => {
    const result = await build(["--help"]);
    expect(result.stdout).toContain("--target");
    expect(result.stdout).toContain("-o, --outfile");
    expect(result.exitCode).toBe(0);
  });
});
