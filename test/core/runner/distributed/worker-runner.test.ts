import { afterEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../../src/core/environment.ts";
import { LocustError } from "../../../../src/core/errors.ts";
import { LOCUST_PROTOCOL_VERSION } from "../../../../src/core/runner/distributed/protocol.ts";
import type { WorkerRunner } from "../../../../src/core/runner/distributed/worker-runner.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import { User } from "../../../../src/core/user/user.ts";
import { FAST_TIMINGS, FakeMaster } from "../../../support/distributed-peers.ts";
import { waitFor } from "../../../support/wait-for.ts";

const NODE = "testhost_0123456789abcdef";
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function userClasses() {
  class Reader extends User {
    waitTime = () => 0.01;
    @task async read() {
      this.environment.events.request.fire({ requestType: "GET", name: "/read", responseTime: 5, responseLength: 10, exception: null });
    }
  }
  class Writer extends User {
    waitTime = () => 0.01;
    @task async write() {}
  }
  return [Reader, Writer];
}

async function connectedWorker(ack: Record<string, unknown> = { index: 4 }): Promise<{ master: FakeMaster; worker: WorkerRunner; env: Environment }> {
  const master = await FakeMaster.listen();
  cleanup.push(() => master.close());
  const env = new Environment({ userClasses: userClasses() });
  env.attachStats();
  const worker = env.createWorkerRunner({ masterPort: master.port, nodeId: NODE, timings: FAST_TIMINGS });
  cleanup.push(() => worker.quit());
  const connecting = worker.connect();
  expect((await master.inbox.nth("client_ready")).data).toBe(LOCUST_PROTOCOL_VERSION);
  master.send(NODE, "ack", ack);
  await connecting;
  return { master, worker, env };
}

function spawnJob(counts: Record<string, number>, timestamp: number, extra: Record<string, unknown> = {}) {
  return { timestamp, user_classes_count: counts, host: "http://from-master.test", stop_timeout: null, parsed_options: {}, ...extra };
}

describe("WorkerRunner: connecting", () => {
  test("announces itself until acked, then sends heartbeats with its state and stats reports with its users", async () => {
    const { master, worker } = await connectedWorker();
    expect(worker.workerIndex).toBe(4);
    const beat = (await master.inbox.nth("heartbeat")).data as Record<string, unknown>;
    expect(beat.state).toBe("ready");
    expect(typeof beat.current_cpu_usage).toBe("number");
    expect(beat.current_memory_usage as number).toBeGreaterThan(0);
    const report = (await master.inbox.nth("stats")).data as Record<string, unknown>;
    expect(report.user_classes_count).toEqual({ Reader: 0, Writer: 0 });
    expect(report.user_count).toBe(0);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["stats", "stats_total", "errors"]));
  });

  test("gives up with one clear error when no master answers", async () => {
    const env = new Environment({ userClasses: userClasses() });
    env.attachStats();
    const worker = env.createWorkerRunner({ masterPort: 1, nodeId: NODE, timings: { ...FAST_TIMINGS, connectTimeoutMs: 50 } });
    const error = await worker.connect().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(LocustError);
    expect((error as LocustError).message).toBe("Failed to connect to the Locust master at 127.0.0.1:1: no answer after 3 attempts.");
    expect((error as LocustError).exitCode).toBe(255);
  });
});

describe("WorkerRunner: spawn, stop and quit", () => {
  test("runs exactly the counts each spawn asks for and says so; takes the master's host; ignores stale spawns", async () => {
    const { master, worker, env } = await connectedWorker();
    const starts: number[] = [];
    env.events.testStart.addListener(() => starts.push(worker.userCount));
    master.send(NODE, "spawn", spawnJob({ Reader: 2, Writer: 1 }, 100));
    const done = (await master.inbox.nth("spawning_complete")).data;
    expect(done).toEqual({ user_classes_count: { Reader: 2, Writer: 1 }, user_count: 3 });
    expect(master.inbox.types.indexOf("spawning")).toBeLessThan(master.inbox.types.indexOf("spawning_complete"));
    expect(env.host).toBe("http://from-master.test");
    expect(worker.workerState).toBe("running");
    master.send(NODE, "spawn", spawnJob({ Reader: 0, Writer: 0 }, 99));
    await master.inbox.nth("spawning", 2);
    master.send(NODE, "spawn", spawnJob({ Reader: 1, Writer: 0 }, 101));
    expect((await master.inbox.nth("spawning_complete", 2)).data).toEqual({ user_classes_count: { Reader: 1, Writer: 0 }, user_count: 1 });
    expect(starts).toEqual([0]);
  });

  test("reports a user class it does not have to the master as an exception, once", async () => {
    const { master } = await connectedWorker();
    master.send(NODE, "spawn", spawnJob({ Reader: 1, Missing: 2 }, 100));
    master.send(NODE, "spawn", spawnJob({ Reader: 1, Missing: 3 }, 101));
    await master.inbox.nth("spawning_complete", 2);
    const errors = master.inbox.all("exception");
    expect(errors).toHaveLength(1);
    expect((errors[0]!.data as { msg: string }).msg).toContain("has no user class named 'Missing'");
  });

  test("stop: stops the users, sends client_stopped, then client_ready again", async () => {
    const { master, worker } = await connectedWorker();
    master.send(NODE, "spawn", spawnJob({ Reader: 2, Writer: 0 }, 100));
    await master.inbox.nth("spawning_complete");
    master.send(NODE, "stop");
    await master.inbox.nth("client_stopped");
    await master.inbox.nth("client_ready", 2);
    expect(worker.userCount).toBe(0);
    expect(worker.workerState).toBe("ready");
  });

  test("quit: stops, sends the final stats with every request, then quit, and ends", async () => {
    const { master, worker } = await connectedWorker();
    master.send(NODE, "spawn", spawnJob({ Reader: 3, Writer: 0 }, 100));
    await master.inbox.nth("spawning_complete");
    await Bun.sleep(50);
    master.send(NODE, "quit");
    await worker.quitted;
    await master.inbox.nth("quit");
    const types = master.inbox.types;
    expect(types.at(-1)).toBe("quit");
    expect(types.at(-2)).toBe("stats");
    // Every request made is in exactly one report: the deltas add up.
    const reported = master.inbox.all("stats").reduce((sum, m) => sum + ((m.data as any).stats_total.num_requests as number), 0);
    expect(reported).toBeGreaterThan(0);
    expect(worker.state).toBe("stopped");
  });
});

describe("WorkerRunner: stats reports", () => {
  /** The first report that carries requests. */
  async function busyReport(master: FakeMaster): Promise<Record<string, any>> {
    master.send(NODE, "spawn", spawnJob({ Reader: 2, Writer: 0 }, 100));
    for (let n = 1; ; n++) {
      const report = (await master.inbox.nth("stats", n)).data as Record<string, any>;
      if (report.stats_total.num_requests > 0) return report;
    }
  }

  test("a Locust master (plain ack) gets Locust's rounded response_times beside the exact histograms", async () => {
    const report = await busyReport((await connectedWorker()).master);
    const rounded = report.stats_total.response_times as Map<number, number>;
    expect([...rounded.keys()]).toEqual([5]);
    expect([...rounded.values()][0]).toBe(report.stats_total.num_requests);
    expect(report.locust_bun_stats.total).toBeInstanceOf(Uint8Array);
  });

  test("a locust-bun master (ack with exact_histograms) gets only the exact histograms", async () => {
    const report = await busyReport((await connectedWorker({ index: 4, exact_histograms: true })).master);
    // An empty map decodes as {} and a filled int-keyed one as a Map: count either way.
    const rounded = report.stats_total.response_times;
    expect(rounded instanceof Map ? rounded.size : Object.keys(rounded).length).toBe(0);
    expect(report.stats_total.num_requests).toBeGreaterThan(0);
    expect((report.locust_bun_stats.total as Uint8Array).byteLength).toBeGreaterThan(0);
  });
});

describe("WorkerRunner: master messages", () => {
  test("a master heartbeat fires heartbeatReceived; custom messages reach their handler and go back", async () => {
    const { master, worker, env } = await connectedWorker();
    const beats: number[] = [];
    env.events.heartbeatReceived.addListener(({ timestamp }) => beats.push(timestamp));
    const got: unknown[] = [];
    worker.registerMessage("config", ({ msg }) => got.push(msg.data));
    master.send(NODE, "heartbeat");
    master.send(NODE, "config", { rate: 3 });
    await waitFor(() => beats.length === 1 && got.length === 1);
    expect(got).toEqual([{ rate: 3 }]);
    worker.sendMessage("answer", [1, 2]);
    expect((await master.inbox.nth("answer")).data).toEqual([1, 2]);
  });

  test("quits by itself when the master has been silent longer than the heartbeat timeout", async () => {
    const { master, worker } = await connectedWorker();
    master.send(NODE, "heartbeat");
    await worker.quitted;
    await master.inbox.nth("quit");
    expect(master.inbox.types.slice(-2)).toEqual(["stats", "quit"]);
  });
});
