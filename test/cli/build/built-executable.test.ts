import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCli } from "../../support/cli-process.ts";
import { freePort } from "../../support/free-port.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { runCli } from "../../support/run-cli.ts";

// The locustfile imports a helper file and locust-bun, from a folder with no node_modules: both must be embedded.
const LOCUSTFILE = `
import { FastHttpUser, HttpUser, User, task, constant } from "locust-bun";
import { FAST_PATH } from "./paths.ts";
export class FetchUser extends HttpUser {
  waitTime = constant(0.02);
  @task fast() { return this.client.get(FAST_PATH); }
}
export class PooledUser extends FastHttpUser {
  waitTime = constant(0.02);
  @task post() { return this.client.post("/echo", { json: { hello: "world" } }); }
}
export class Faulty extends User {
  waitTime = constant(0.5);
  @task explode() {
    throw new Error("kaboom");
  }
}
`;
const HTTP_USERS = ["FetchUser", "PooledUser"];

let sourceDir: string;
let runDir: string;
let executable: string;
let buildOutput: { exitCode: number; stdout: string; stderr: string };

const runExecutable = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: runDir, env, command: [executable], timeoutMs: 60_000 });

function statsRows(path: string): Map<string, string[]> {
  const rows = readFileSync(path, "utf8").split("\r\n").filter(Boolean).slice(1).map((line) => line.split(","));
  return new Map(rows.map((row) => [`${row[0]} ${row[1]}`, row]));
}

// Every run gets a stop timeout (-s), so requests in flight at the end finish and are counted on both sides.
beforeAll(async () => {
  // Built once for the whole file: each executable is ~100 MB.
  sourceDir = mkdtempSync(join(tmpdir(), "locust-bun-build-src-"));
  runDir = mkdtempSync(join(tmpdir(), "locust-bun-build-run-"));
  writeFileSync(join(sourceDir, "locustfile.ts"), LOCUSTFILE);
  writeFileSync(join(sourceDir, "paths.ts"), `export const FAST_PATH = "/ultra_fast";\n`);
  buildOutput = await runCli(["build", "-f", "locustfile.ts", "-o", "dist/loadtest"], { cwd: sourceDir, timeoutMs: 120_000 });
  executable = join(runDir, "loadtest");
  if (buildOutput.exitCode === 0) copyFileSync(join(sourceDir, "dist/loadtest"), executable);
  // Nothing of the build folder is left for the executable to read.
  rmSync(sourceDir, { recursive: true, force: true });
}, 150_000);

afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe("locust-bun build", () => {
  test("writes one executable and says what it built", () => {
    expect(buildOutput.stderr).toBe("");
    expect(buildOutput.stdout).toMatch(/^Built dist\/loadtest \(\d+\.\d MiB, this machine\) from locustfile\.ts in \d+\.\d s\n$/);
    expect(buildOutput.exitCode).toBe(0);
    expect(existsSync(join(runDir, "node_modules"))).toBe(false);
  });

  test("holds no protocol library the locustfile does not use", () => {
    const bytes = readFileSync(executable);
    // Strings of the MongoDB driver and of MQTT's packet library (protocol-library.test.ts finds the first when used).
    expect(bytes.indexOf("MongoServerSelectionError")).toBe(-1);
    expect(bytes.indexOf("mqtt-packet")).toBe(-1);
  });

  test("the copied executable runs headless from an empty folder and counts what the target received", async () => {
    await using target = startHttpTarget();
    const result = await runExecutable(["--headless", "-H", target.url, "-u", "4", "-r", "4", "-t", "2s", "-s", "5", "--csv", "run", "--json", ...HTTP_USERS]);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as { name: string; method: string; num_requests: number }[];
    const rows = statsRows(join(runDir, "run_stats.csv"));
    const fast = target.hits("GET", "/ultra_fast");
    const echo = target.hits("POST", "/echo");
    expect(fast).toBeGreaterThan(0);
    expect(echo).toBeGreaterThan(0);
    expect(Number(rows.get("GET /ultra_fast")![2])).toBe(fast);
    expect(Number(rows.get("POST /echo")![2])).toBe(echo);
    expect(Number(rows.get(" Aggregated")![2])).toBe(target.requests.length);
    expect(json.find((entry) => entry.name === "/ultra_fast")!.num_requests).toBe(fast);
  }, 60_000);

  test("serves its web UI: the page and the script it links load", async () => {
    await using target = startHttpTarget();
    await using ui = startCli(["-H", target.url, "--web-host", "127.0.0.1", "--web-port", "0"], { cwd: runDir, command: [executable] });
    const [, url] = await ui.waitFor(/Starting web interface at (http:\/\/127\.0\.0\.1:\d+)/);
    const page = await fetch(`${url}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("<title>locust-bun</title>");
    expect(html).toContain('"userClasses":["Faulty","FetchUser","PooledUser"]');
    const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect((await asset.text()).length).toBeGreaterThan(1000);
    ui.child.kill("SIGTERM");
    expect(await ui.exited).toBe(0);
  }, 60_000);

  test("reads locust.conf beside it and LOCUST_* variables; a locustfile named there is ignored", async () => {
    await using target = startHttpTarget();
    const conf = join(runDir, "locust.conf");
    writeFileSync(conf, `locustfile = missing.ts\nheadless = true\nhost = ${target.url}\nusers = 2\nspawn-rate = 2\nrun-time = 1s\nstop-timeout = 5\n`);
    try {
      const result = await runExecutable(["FetchUser"], { LOCUST_CSV: "conf" });
      expect(result.exitCode).toBe(0);
      const rows = statsRows(join(runDir, "conf_stats.csv"));
      expect(Number(rows.get("GET /ultra_fast")![2])).toBe(target.hits("GET", "/ultra_fast"));
      expect(target.hits("GET", "/ultra_fast")).toBeGreaterThan(0);
      expect(target.hits("POST", "/echo")).toBe(0);
    } finally {
      rmSync(conf);
    }
  }, 60_000);

  test("--processes starts copies of the executable as workers", async () => {
    await using target = startHttpTarget();
    const result = await runExecutable(["--headless", "-H", target.url, "-u", "4", "-r", "4", "-t", "2s", "-s", "5", "--processes", "2", "--csv", "procs", ...HTTP_USERS]);
    expect(result.stderr).toContain("2 workers connected");
    expect(result.exitCode).toBe(0);
    const rows = statsRows(join(runDir, "procs_stats.csv"));
    expect(Number(rows.get(" Aggregated")![2])).toBe(target.requests.length);
    expect(target.requests.length).toBeGreaterThan(0);
  }, 60_000);

  test("runs as --master and --worker: one file for every generator", async () => {
    await using target = startHttpTarget();
    const port = freePort();
    await using master = startCli(
      ["--master", "--headless", "--expect-workers", "1", "-H", target.url, "-u", "2", "-r", "2", "-t", "2s", "-s", "5", "--master-bind-host", "127.0.0.1", "--master-bind-port", String(port), "--csv", "dist", ...HTTP_USERS],
      { cwd: runDir, command: [executable] },
    );
    await using worker = startCli(["--worker", "--master-port", String(port)], { cwd: runDir, command: [executable] });
    expect(await master.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    expect(master.output).toContain("1 workers connected");
    const rows = statsRows(join(runDir, "dist_stats.csv"));
    expect(Number(rows.get(" Aggregated")![2])).toBe(target.requests.length);
    expect(target.requests.length).toBeGreaterThan(0);
  }, 60_000);

  test("a task's error names the locustfile's own line (the source map is embedded)", async () => {
    const result = await runExecutable(["--headless", "-u", "1", "-t", "1s", "Faulty"]);
    expect(result.stderr).toContain("Error: kaboom\n    at explode (locustfile.ts:15:15)");
    expect(result.exitCode).toBe(1);
  });

  test("-f is refused with the name of the embedded locustfile", async () => {
    const result = await runExecutable(["-f", "other.ts", "--headless"]);
    expect(result.stderr).toBe(
      "This executable runs the locustfile built into it (locustfile.ts); -f/--locustfile is not available (Build another executable with: locust-bun build -f <locustfile> -o <name>)\n",
    );
    expect(result.exitCode).toBe(1);
  });
});
