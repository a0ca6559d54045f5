import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startCli } from "../support/cli-process.ts";
import { freePort } from "../support/free-port.ts";
import { createProject } from "../support/run-cli.ts";

// Each worker names its requests after its ROLE, so the master's per-name rows tell the workers apart.
const LOCUSTFILE = `
import { HttpUser, constant, task } from "locust-bun";
const role = process.env.ROLE ?? "worker";
export class Hitter extends HttpUser {
  waitTime = constant(0.05);
  @task hit() { return this.client.get("/hit?role=" + role, { name: role }); }
}
`;

/** A target counting requests per `role`; it answers the first `hold.after` of `hold.role` and holds the rest. */
function startRoleTarget(hold?: { role: string; after: number }) {
  const counts = new Map<string, number>();
  const held: (() => void)[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req) {
      const role = new URL(req.url).searchParams.get("role") ?? "";
      const seen = (counts.get(role) ?? 0) + 1;
      counts.set(role, seen);
      if (role !== hold?.role || seen <= hold.after) return new Response("ok");
      return new Promise<Response>((resolve) => held.push(() => resolve(new Response("late"))));
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    count: (role: string) => counts.get(role) ?? 0,
    async [Symbol.asyncDispose]() {
      for (const release of held) release();
      await server.stop(true);
    },
  };
}

/** Request counts per name from a `--csv` stats file (Aggregated included). */
function csvCounts(path: string): Record<string, number> {
  const rows = readFileSync(path, "utf8").split("\r\n").filter(Boolean).slice(1).map((line) => line.split(","));
  return Object.fromEntries(rows.map((row) => [row[1], Number(row[2])]));
}

/** `-s 5` lets a stopping user finish its request, so every request the target answered reaches the stats. */
function masterArgs(port: number, host: string, users: number): string[] {
  return ["--master", "--headless", "-u", String(users), "-r", "100", "-s", "5", "--master-bind-host", "127.0.0.1", "--master-bind-port", String(port), "-H", host];
}

/** Opens a raw TCP connection to the master, writes `bytes`, and resolves with its local port once the master hung up. */
async function sendGarbage(port: number, bytes: Uint8Array): Promise<number> {
  const closed = Promise.withResolvers<void>();
  const socket = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {}, close: () => closed.resolve() } });
  const localPort = socket.localPort; // unset once closed
  socket.write(bytes);
  await closed.promise;
  return localPort;
}

const linesMatching = (text: string, needle: string) => text.split("\n").filter((line) => line.includes(needle));

describe.concurrent("distributed faults, with real processes and signals", () => {
  test("a worker killed with SIGKILL is marked missing, its users move to the other worker, and what it reported stays counted", async () => {
    await using target = startRoleTarget({ role: "doomed", after: 20 });
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const port = freePort();
    const args = [...masterArgs(port, target.url, 4), "--expect-workers", "2", "--enable-rebalancing", "--csv", "run"];
    await using master = startCli(args, { cwd: project.dir });
    const worker = (role: string) => startCli(["--worker", "--master-port", String(port)], { cwd: project.dir, env: { ROLE: role } });
    await using doomed = worker("doomed");
    const [, doomedId] = await master.waitFor(/(\S+) \(index 0\) reported as ready/);
    await using survivor = worker("survivor");
    await master.waitFor(/All users spawned: \{"Hitter": 4\} \(4 total users\)/);
    // The target answers 20 of the doomed worker's requests, then holds its users; once the master's table shows
    // all 20, they were reported, and nothing the doomed worker did afterwards can be counted.
    await master.waitFor(/GET\s+doomed\s+20\s+0\(/);
    doomed.child.kill("SIGKILL");
    const killedAt = master.output.length;
    await master.waitFor(new RegExp(`Worker ${doomedId} failed to send heartbeat, setting state to missing\\.`), killedAt);
    await master.waitFor(/Sending spawn jobs of 4 users at 100\.00 spawn rate to 1 ready workers/, killedAt);
    await master.waitFor(/All users spawned: \{"Hitter": 4\} \(4 total users\)/, killedAt);
    master.child.kill("SIGTERM");
    expect(await master.exited).toBe(0);
    expect(await survivor.exited).toBe(0);
    const counts = csvCounts(join(project.dir, "run_stats.csv"));
    expect(counts.doomed).toBe(20);
    // The survivor quit cleanly after finishing its last requests (-s 5): all it did is counted, once.
    expect(counts.survivor).toBe(target.count("survivor"));
    expect(counts.Aggregated).toBe(20 + target.count("survivor"));
  }, 40_000);

  test("a standalone worker whose master was killed exits by itself after LOCUST_MASTER_HEARTBEAT_TIMEOUT, saying why", async () => {
    await using target = startRoleTarget();
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const port = freePort();
    await using master = startCli(masterArgs(port, target.url, 2), { cwd: project.dir });
    await using worker = startCli(["--worker", "--master-port", String(port)], {
      cwd: project.dir,
      env: { LOCUST_MASTER_HEARTBEAT_TIMEOUT: "2" },
    });
    // Requests in the master's table came in a report sent after the worker's first heartbeats were answered; a
    // worker that never heard the master would wait for it (as Locust's does).
    await master.waitFor(/GET\s+worker\s+[1-9]/);
    master.child.kill("SIGKILL");
    const deadline = Bun.sleep(2000 + 5000).then(() => "still running");
    expect(await Promise.race([worker.exited, deadline])).toBe(0);
    expect(worker.output).toMatch(new RegExp(`Lost the connection to the master at 127\\.0\\.0\\.1:${port} \\(.+\\); reconnecting`));
    expect(worker.output).toContain("ERROR/locust.runners: Didn't get heartbeat from master in over 2s");
    expect(worker.output).toContain("Shutting down (exit code 0)");
  }, 30_000);

  test("garbage and an HTTP request on the master port are each dropped with one log line; the run is unaffected", async () => {
    await using target = startRoleTarget();
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const port = freePort();
    await using master = startCli([...masterArgs(port, target.url, 2), "--csv", "run"], { cwd: project.dir });
    await using worker = startCli(["--worker", "--master-port", String(port)], { cwd: project.dir });
    await master.waitFor(/All users spawned/);
    const random = await sendGarbage(port, crypto.getRandomValues(new Uint8Array(512)));
    const http = await sendGarbage(port, new TextEncoder().encode("GET / HTTP/1.1\r\nHost: master\r\n\r\n"));
    await master.waitFor(new RegExp(`\\(from 127\\.0\\.0\\.1:${http}\\)`));
    await master.waitFor(/GET\s+worker\s+[1-9]/, master.output.length);
    master.child.kill("SIGTERM");
    expect(await master.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    for (const client of [random, http]) {
      const lines = linesMatching(master.output, `(from 127.0.0.1:${client})`);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("ERROR/locust.runners: Unrecognized message detected: not a ZMTP peer");
    }
    expect(linesMatching(master.output, "/ERROR/")).toHaveLength(2);
    expect(master.output).not.toContain("2 workers connected");
    expect(worker.output).not.toContain("Lost the connection");
    expect(csvCounts(join(project.dir, "run_stats.csv")).worker).toBe(target.count("worker"));
  }, 30_000);

  test("a worker whose locustfile lacks the master's user class says so, the master logs it, and both exit 1", async () => {
    await using target = startRoleTarget();
    await using project = createProject({
      "master.ts": LOCUSTFILE,
      "worker.ts": LOCUSTFILE.replace("class Hitter", "class Other"),
    });
    const port = freePort();
    await using master = startCli(["-f", "master.ts", ...masterArgs(port, target.url, 1), "-t", "2s"], { cwd: project.dir });
    await using worker = startCli(["-f", "worker.ts", "--worker", "--master-port", String(port)], { cwd: project.dir });
    const [masterCode, workerCode] = await Promise.all([master.exited, worker.exited]);
    const line = /Worker \S+ has no user class named 'Hitter' \(the master asked for 1\); run the same locustfile on the master and every worker/;
    expect(worker.output).toMatch(new RegExp(`ERROR/locust\\.runners: ${line.source}`));
    expect(master.output).toMatch(new RegExp(`ERROR/locust\\.user\\.task: ${line.source}\n\\[`));
    expect([masterCode, workerCode]).toEqual([1, 1]);
    expect(target.count("worker")).toBe(0);
  }, 30_000);
});
