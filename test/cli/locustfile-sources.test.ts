import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHttpTarget } from "../support/http-target.ts";
import { runCli } from "../support/run-cli.ts";

/** A folder where `locust-bun` is not installed. */
const bare = mkdtempSync(join(tmpdir(), "bare-locustfile-"));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

const LOCUSTFILE = `import { FastHttpUser, events, task } from "locust-bun";
import { FastHttpSession } from 'locust-bun/fasthttp';
import { path } from "./helpers/path.ts";
import legacy from "./helpers/legacy.js";
import packaged from "packaged";
console.log("saved in " + import.meta.dir);
console.log(legacy.kind + " and " + packaged.kind);
events.testStart.addListener(() => console.log("test start heard by " + "locust-bun" + "; session class " + FastHttpSession.name));
export class Visitor extends FastHttpUser {
  @task visit() { return this.client.get(path); }
}
`;

describe("locustfiles outside a project", () => {
  test("import locust-bun (and its helpers' imports) from the running copy when it is not installed next to them", async () => {
    await using target = startHttpTarget();
    mkdirSync(join(bare, "helpers"));
    writeFileSync(join(bare, "helpers/path.ts"), 'import { constant } from "locust-bun";\nexport const path = typeof constant === "function" ? "/ultra_fast" : "/wrong";\n');
    // CommonJS beside it and in node_modules must load as Bun loads it without the rewrite.
    writeFileSync(join(bare, "helpers/legacy.js"), 'module.exports = { kind: "a CommonJS helper" };\n');
    mkdirSync(join(bare, "node_modules/packaged"), { recursive: true });
    writeFileSync(join(bare, "node_modules/packaged/package.json"), '{ "name": "packaged", "main": "index.js" }\n');
    writeFileSync(join(bare, "node_modules/packaged/index.js"), 'module.exports = { kind: "a CommonJS package" };\n');
    writeFileSync(join(bare, "locustfile.ts"), LOCUSTFILE);
    const result = await runCli(["--headless", "-H", target.url, "-u", "2", "-t", "1s", "-s", "5", "--only-summary"], { cwd: bare });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("a CommonJS helper and a CommonJS package");
    // One copy of the package: the listener registered on the locustfile's `events` hears the runner's test start.
    // Only import specifiers are rewritten: the string "locust-bun" in the code stays as written.
    expect(result.stdout).toContain("test start heard by locust-bun; session class FastHttpSession");
    expect(target.hits("GET", "/ultra_fast")).toBeGreaterThan(0);
    expect(result.stderr).toMatch(new RegExp(`GET +/ultra_fast +${target.hits("GET", "/ultra_fast")} `));
  });

  test("-f with a URL downloads the locustfile for the run and removes it afterwards", async () => {
    const source = LOCUSTFILE.replace(/^import .* from "(\.\/helpers\/.*|packaged)";\n/gm, "")
      .replace('console.log(legacy.kind + " and " + packaged.kind);', 'const path = "/ultra_fast";');
    using server = Bun.serve({
      port: 0,
      fetch: (request) => (new URL(request.url).pathname === "/shared/locustfile.ts" ? new Response(source) : new Response("no such file", { status: 404 })),
    });
    const result = await runCli(["-f", `${server.url}shared/locustfile.ts`, "--list"], { cwd: bare });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Available Users:\n    Visitor");
    const savedIn = /^saved in (.+)$/m.exec(result.stdout)?.[1];
    expect(savedIn).toStartWith(tmpdir());
    expect(existsSync(savedIn!)).toBe(false);

    const missing = await runCli(["-f", `${server.url}nothing.ts`, "--list"], { cwd: bare });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr.trim()).toBe(`Failed to get locustfile from: ${server.url}nothing.ts. HTTP 404 Not Found`);
  });
});
