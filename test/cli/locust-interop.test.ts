import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../support/free-port.ts";
import { startHttpTarget, type HttpTarget } from "../support/http-target.ts";
import { findPython } from "../support/python.ts";
import { startPythonLocust } from "../support/python-locust.ts";
import { startCli, type CliProcess } from "../support/cli-process.ts";
import { createProject, type TempProject } from "../support/run-cli.ts";

// Skips with a printed reason when Locust is missing, except under CI, where it fails.
const python = findPython(["locust"], "the interop tests with real Locust");

// The same user class in both languages: a master sends class names, and each worker runs its own class of that name.
const LOCUSTFILE_TS = `
import { HttpUser, task, constant } from "locust-bun";
export class Shopper extends HttpUser {
  waitTime = constant(0.05);
  @task browse() { return this.client.get("/ultra_fast"); }
}
export class Failer extends HttpUser {
  waitTime = constant(0.05);
  @task broken() { return this.client.get("/fail", { name: "/fail" }); }
}
`;
const LOCUSTFILE_PY = `
from locust import HttpUser, task, constant

class Shopper(HttpUser):
    wait_time = constant(0.05)

    @task
    def browse(self):
        self.client.get("/ultra_fast")

class Failer(HttpUser):
    wait_time = constant(0.05)

    @task
    def broken(self):
        # Locust puts the full URL in an HTTP error unless the request is named; named, it reads like ours.
        self.client.get("/fail", name="/fail")
`;

/** Each test runs a few seconds of load between real processes. */
const TIMEOUT_MS = 40_000;

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8").split("\r\n").filter(Boolean).map((line) => line.split(","));
}

function aggregatedCount(path: string): number {
  return Number(csvRows(path).find((row) => row[1] === "Aggregated")![2]);
}

/** Which clients the target saw: Python's requests or locust-bun (Bun's fetch). */
function userAgents(target: HttpTarget): Set<string> {
  return new Set(target.requests.map((request) => (request.headers["user-agent"] ?? "").split("/")[0]!));
}

/** Headless master flags for `users` users of `userClass` for a short run, reporting to `csv`. */
function masterArgs(port: number, target: HttpTarget, workers: number, userClass: string, csv: string): string[] {
  return [
    "--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", String(port), "--expect-workers", String(workers),
    "--headless", "-u", "4", "-r", "4", "-t", "3s", "-s", "5", "-H", target.url, "--csv", csv, userClass,
  ];
}

interface Fleet {
  master: "python" | "bun";
  workers: ("python" | "bun")[];
  userClass: string;
}

/** How one process ended. */
interface Ended {
  exitCode: number;
  output: string;
}

/** Runs a master and its workers to the end of the run; resolves with how each ended. */
async function runFleet(project: TempProject, target: HttpTarget, fleet: Fleet): Promise<{ master: Ended; workers: Ended[] }> {
  const port = freePort();
  const options = { cwd: project.dir };
  const start = (kind: "python" | "bun", args: string[]) =>
    kind === "python" ? startPythonLocust(python!, ["-f", "locustfile.py", ...args], options) : startCli(["-f", "locustfile.ts", ...args], options);
  const ended = async (running: CliProcess) => ({ exitCode: await running.exited, output: running.output });
  // No folder in the CSV prefix: Locust 2.12 does not create one.
  await using master = start(fleet.master, masterArgs(port, target, fleet.workers.length, fleet.userClass, "run"));
  await using stack = new AsyncDisposableStack();
  const workers = fleet.workers.map((kind) => stack.use(start(kind, ["--worker", "--master-host", "127.0.0.1", "--master-port", String(port)])));
  return { master: await ended(master), workers: await Promise.all(workers.map(ended)) };
}

describe.skipIf(!python)("interop with real Locust", () => {
  // The target tells the workers apart by User-Agent: Python's requests, or Bun's fetch behind locust-bun.
  test.each<[string, Fleet, string[]]>([
    ["a locust-bun worker under a Locust master", { master: "python", workers: ["bun"], userClass: "Shopper" }, ["Bun"]],
    ["Locust workers under a locust-bun master", { master: "bun", workers: ["python", "python"], userClass: "Shopper" }, ["python-requests"]],
    ["a mixed fleet under a locust-bun master (both get users)", { master: "bun", workers: ["python", "bun"], userClass: "Shopper" }, ["python-requests", "Bun"]],
  ])("%s: the master's CSV counts every request the target received", async (_, fleet, agents) => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": LOCUSTFILE_TS, "locustfile.py": LOCUSTFILE_PY });
    const { master, workers } = await runFleet(project, target, fleet);
    expect(master.exitCode).toBe(0);
    expect(workers.map((worker) => worker.exitCode)).toEqual(fleet.workers.map(() => 0));
    expect(master.output).toContain("All users spawned");
    expect(target.requests.length).toBeGreaterThan(0);
    expect(userAgents(target)).toEqual(new Set(agents));
    expect(aggregatedCount(join(project.dir, "run_stats.csv"))).toBe(target.requests.length);
  }, TIMEOUT_MS);

  test("the same failure from a Python and a locust-bun worker is one row of the master's failures", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": LOCUSTFILE_TS, "locustfile.py": LOCUSTFILE_PY });
    const { master } = await runFleet(project, target, { master: "bun", workers: ["python", "bun"], userClass: "Failer" });
    expect(master.exitCode).toBe(1); // failures make Locust exit with --exit-code-on-error
    expect(userAgents(target)).toEqual(new Set(["python-requests", "Bun"]));
    const failures = csvRows(join(project.dir, "run_failures.csv")).slice(1);
    expect(failures.map((row) => row.slice(0, 3))).toEqual([
      ["GET", "/fail", "HTTPError('500 Server Error: Internal Server Error for url: /fail')"],
    ]);
    expect(Number(failures[0]![3])).toBe(target.hits("GET", "/fail"));
  }, TIMEOUT_MS);
});
