import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../support/free-port.ts";
import { startHttpTarget } from "../support/http-target.ts";
import { startCli } from "../support/cli-process.ts";
import { createProject, runCli } from "../support/run-cli.ts";

// Every process that loads the locustfile (the master and each worker) records its pid, so the test can check
// that none outlives the run. Runs pass -s so that stopping lets each request finish: a request cut off mid-flight
// reaches the target but is never recorded, in Locust too.
const SHOP = `
import { HttpUser, events, task, constant } from "locust-bun";
import { appendFileSync } from "node:fs";
events.init.addListener(() => appendFileSync("pids.txt", process.pid + "\\n"));
export class Shopper extends HttpUser {
  static host = "http://127.0.0.1:1";
  waitTime = constant(0.05);
  @task browse() { return this.client.get("/ultra_fast"); }
}
`;

/** Each test runs real processes for a few seconds. */
const TIMEOUT_MS = 30_000;
const PERCENTILES_TITLE = "Response time percentiles (approximated)";
const REQUEST_TABLE_HEADER = /^Type +Name +# reqs +# fails \|/gm;

/** The "Request Count" of the Aggregated row of a `_stats.csv`. */
function aggregatedCount(path: string): number {
  const rows = readFileSync(path, "utf8").split("\r\n").map((line) => line.split(","));
  return Number(rows.find((row) => row[1] === "Aggregated")![2]);
}

function recordedPids(dir: string): number[] {
  return readFileSync(join(dir, "pids.txt"), "utf8").trim().split("\n").map(Number);
}

/** Whether a process with this pid still exists (a signal 0 probe). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw err;
  }
}

function countMatches(text: string, pattern: RegExp | string): number {
  return typeof pattern === "string" ? text.split(pattern).length - 1 : (text.match(pattern) ?? []).length;
}

describe("--processes", () => {
  test("the master reports what its two worker processes made, prints the summary once, and leaves no process", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    const result = await runCli(
      ["--processes", "2", "--headless", "-u", "4", "-r", "4", "-s", "5", "-t", "3s", "--only-summary", "--csv", "out/run", "-H", target.url],
      { cwd: project.dir },
    );
    expect(result.exitCode).toBe(0);
    expect(target.requests.length).toBeGreaterThan(0);
    expect(aggregatedCount(join(project.dir, "out/run_stats.csv"))).toBe(target.requests.length);
    const output = result.stdout + result.stderr;
    // With --only-summary only the master's final tables appear: workers print none.
    expect(countMatches(output, PERCENTILES_TITLE)).toBe(1);
    expect(countMatches(output, REQUEST_TABLE_HEADER)).toBe(1);
    expect(countMatches(result.stderr, "reported as ready")).toBe(2);
    const pids = recordedPids(project.dir);
    expect(pids).toHaveLength(3);
    expect(pids.filter(isAlive)).toEqual([]);
  }, TIMEOUT_MS);

  test("Ctrl-C to the whole process group writes the master's CSV with every request the target saw", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    await using run = startCli(["--processes", "2", "--headless", "-u", "4", "-r", "4", "-s", "5", "--csv", "out/int", "-H", target.url], {
      cwd: project.dir,
      detached: true,
    });
    await target.waitForHits("GET", "/ultra_fast", 20);
    process.kill(-run.child.pid, "SIGINT"); // what a terminal's Ctrl-C does: the master and its workers get it
    expect(await run.exited).toBe(0);
    expect(run.output).toContain(PERCENTILES_TITLE);
    expect(aggregatedCount(join(project.dir, "out/int_stats.csv"))).toBe(target.requests.length);
    expect(recordedPids(project.dir).filter(isAlive)).toEqual([]);
  }, TIMEOUT_MS);

  test("SIGTERM to the master alone writes --json-file and --html with every request, then stops the workers", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    await using run = startCli(
      ["--processes", "2", "--headless", "-u", "4", "-r", "4", "-s", "5", "--json-file", "out/run", "--html", "out/run.html", "-H", target.url],
      { cwd: project.dir },
    );
    await target.waitForHits("GET", "/ultra_fast", 20);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.output).toContain("Received SIGTERM, shutting down...");
    const entries = JSON.parse(readFileSync(join(project.dir, "out/run.json"), "utf8")) as { name: string; num_requests: number }[];
    expect(entries.find((entry) => entry.name === "/ultra_fast")!.num_requests).toBe(target.requests.length);
    expect(existsSync(join(project.dir, "out/run.html"))).toBe(true);
    expect(readFileSync(join(project.dir, "out/run.html"), "utf8")).toContain("/ultra_fast");
    expect(recordedPids(project.dir).filter(isAlive)).toEqual([]);
  }, TIMEOUT_MS);
});

describe("bad distributed input: one clear line and a non-zero exit", () => {
  const FAST_GIVE_UP = { LOCUST_CONNECT_TIMEOUT: "0.2", LOCUST_CONNECT_RETRY_COUNT: "3" };

  test.each<[string, string[], number, string]>([
    ["--processes 0", ["--processes", "0", "--headless"], 1, "Invalid --processes count 0: use a positive number of worker processes, or -1 for one per CPU"],
    ["--processes -2", ["--processes", "-2", "--headless"], 1, "Invalid --processes count -2: use a positive number of worker processes, or -1 for one per CPU"],
    ["--processes with --master", ["--processes", "2", "--master", "--headless"], 1, "--master cannot be combined with --processes."],
    ["--master with --worker", ["--master", "--worker"], 255, "The --master argument cannot be combined with --worker"],
  ])("%s", async (_, args, exitCode, message) => {
    await using project = createProject({ "locustfile.ts": SHOP });
    const result = await runCli(args, { cwd: project.dir });
    expect(result.exitCode).toBe(exitCode);
    expect(result.stderr.split("\n").filter((line) => line.includes(message))).toHaveLength(1);
    expect(existsSync(join(project.dir, "pids.txt"))).toBe(false); // refused before any process started
  }, TIMEOUT_MS);

  test("--worker with no reachable master gives up after the retries, naming host and port (exit 255)", async () => {
    await using project = createProject({ "locustfile.ts": SHOP });
    const port = freePort();
    const result = await runCli(["--worker", "--master-port", String(port)], { cwd: project.dir, env: FAST_GIVE_UP });
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toContain(`Failed to connect to the Locust master at 127.0.0.1:${port}: no answer after 3 attempts.`);
  }, TIMEOUT_MS);

  test("--master on a port in use names the address and the flag to change (exit 1)", async () => {
    await using project = createProject({ "locustfile.ts": SHOP });
    const taken = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const args = ["--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", String(taken.port), "--headless"];
      const result = await runCli(args, { cwd: project.dir });
      expect(result.exitCode).toBe(1);
      const lines = result.stderr.split("\n").filter((line) => line.includes(`127.0.0.1:${taken.port}`));
      expect(lines).toEqual([
        `The master cannot listen on 127.0.0.1:${taken.port}: the address is already in use (Pick another port with --master-bind-port, or stop the process using it)`,
      ]);
    } finally {
      taken.stop(true);
    }
  }, TIMEOUT_MS);

  test("--expect-workers that never come: the master gives up after --expect-workers-max-wait (exit 1)", async () => {
    await using project = createProject({ "locustfile.ts": SHOP });
    const args = ["--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", "0", "--headless", "--expect-workers", "2", "--expect-workers-max-wait", "1"];
    const result = await runCli(args, { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Gave up waiting for workers to connect");
    expect(result.stderr).toContain("Shutting down (exit code 1)");
  }, TIMEOUT_MS);
});

describe("a worker whose master died", () => {
  // Locust's worker only times out after one heartbeat from the master, so one that lost its master sooner would
  // wait forever; killed once the worker is registered, the master has not answered a heartbeat yet (they start 1 s
  // after the ack). The case after heartbeats is in distributed-faults.test.ts.
  test("before its first heartbeat, it still quits after LOCUST_MASTER_HEARTBEAT_TIMEOUT, saying why", async () => {
    await using project = createProject({ "locustfile.ts": SHOP });
    const port = freePort();
    await using master = startCli(["--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", String(port), "--headless", "-u", "1"], {
      cwd: project.dir,
    });
    await using worker = startCli(["--worker", "--master-port", String(port)], {
      cwd: project.dir,
      env: { LOCUST_MASTER_HEARTBEAT_TIMEOUT: "2" },
    });
    await master.waitFor(/reported as ready/);
    master.child.kill("SIGKILL");
    expect(await worker.exited).toBe(0);
    expect(worker.output).toContain(`Lost the connection to the master at 127.0.0.1:${port}`);
    expect(worker.output).toContain("Didn't get heartbeat from master in over 2s");
    expect(worker.output).not.toContain("Got quit message from master");
  }, TIMEOUT_MS);
});
