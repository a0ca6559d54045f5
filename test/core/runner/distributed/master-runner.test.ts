import { afterEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../../src/core/environment.ts";
import type { MasterRunner } from "../../../../src/core/runner/distributed/master-runner.ts";
import { encodeWorkerReport } from "../../../../src/core/stats/locust-report-encode.ts";
import { RequestStats } from "../../../../src/core/stats/request-stats.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import { User } from "../../../../src/core/user/user.ts";
import { FAST_TIMINGS, FakeWorker } from "../../../support/distributed-peers.ts";
import { waitFor } from "../../../support/wait-for.ts";

class Alpha extends User {
  waitTime = () => 1;
  @task t() {}
}
class Beta extends User {
  waitTime = () => 1;
  @task t() {}
}

const open: Array<{ quit(): Promise<void> } | FakeWorker> = [];
afterEach(async () => {
  // Workers and their timers first, then the masters (whose quit waits for workers still connected).
  for (const item of open.splice(0).reverse()) await ("nodeId" in item ? item.close() : item.quit());
});

async function startMaster(settings: { enableRebalancing?: boolean } = {}): Promise<MasterRunner> {
  const env = new Environment({ userClasses: [Alpha, Beta], host: "http://target.test", stopTimeout: 0 });
  env.attachStats();
  const master = env.createMasterRunner({ bindHost: "127.0.0.1", bindPort: 0, timings: FAST_TIMINGS, ...settings });
  await master.listen();
  open.push(master);
  return master;
}

async function worker(master: MasterRunner, id: string, version: string | null = "2.46.3"): Promise<FakeWorker> {
  const fake = await FakeWorker.connect(master.port, id, version);
  open.push(fake);
  return fake;
}

/** Plays a worker that obeys every spawn at once and reports back, as a real worker does. */
function obeySpawns(fake: FakeWorker): void {
  let handled = 0;
  const timer = setInterval(() => {
    const spawns = fake.inbox.all("spawn");
    for (; handled < spawns.length; handled++) {
      const counts = (spawns[handled]!.data as Record<string, unknown>).user_classes_count as Record<string, number>;
      fake.send("spawning");
      fake.send("spawning_complete", { user_classes_count: counts, user_count: Object.values(counts).reduce((a, b) => a + b, 0) });
    }
  }, 5);
  open.push({ quit: async () => clearInterval(timer) });
}

/** Keeps a fake worker alive with heartbeats until the returned function is called. */
function beat(fake: FakeWorker, state = "running"): () => void {
  const timer = setInterval(() => fake.send("heartbeat", { state, current_cpu_usage: 12.5, current_memory_usage: 1000 }), 10);
  open.push({ quit: async () => clearInterval(timer) });
  return () => clearInterval(timer);
}

describe("MasterRunner: registration", () => {
  test("acks each worker with an index that stays the same for its id, and fires workerConnect", async () => {
    const master = await startMaster();
    const connected: string[] = [];
    master.environment.events.workerConnect.addListener(({ clientId }) => connected.push(clientId));
    const a = await worker(master, "hostA_1");
    expect((await a.inbox.nth("ack")).data).toEqual({ index: 0, exact_histograms: true });
    const b = await worker(master, "hostB_1");
    expect((await b.inbox.nth("ack")).data).toEqual({ index: 1, exact_histograms: true });
    a.send("client_ready", "2.46.3");
    expect((await a.inbox.nth("ack", 2)).data).toEqual({ index: 0, exact_histograms: true });
    expect(connected).toEqual(["hostA_1", "hostB_1", "hostA_1"]);
    expect(master.workerCount).toBe(2);
  });

  test("refuses a worker announcing an empty version (pre-2.0 Locust, or Debian's unversioned build)", async () => {
    const master = await startMaster();
    const old = await worker(master, "old_1", "");
    const good = await worker(master, "good_1");
    await good.inbox.nth("ack");
    expect(old.inbox.types).toEqual([]);
    expect(master.workers.has("old_1")).toBe(false);
  });
});

describe("MasterRunner: heartbeats and liveness", () => {
  test("answers a current worker's heartbeat, records its state and usage, and fires heartbeatSent", async () => {
    const master = await startMaster();
    const beats: string[] = [];
    master.environment.events.heartbeatSent.addListener(({ clientId }) => beats.push(clientId));
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    fake.send("heartbeat", { state: "spawning", current_cpu_usage: 42.5, current_memory_usage: 123456 });
    await fake.inbox.nth("heartbeat");
    const node = master.workers.get("w_1")!;
    expect([node.state, node.cpuUsage, node.memoryUsage]).toEqual(["spawning", 42.5, 123456]);
    expect(beats).toEqual(["w_1"]);
  });

  test("sends no heartbeat replies to a 2.12 Python worker, which would log each as unknown", async () => {
    const master = await startMaster();
    const old = await worker(master, "py_1", "2.12.1");
    const current = await worker(master, "ts_1");
    await Promise.all([old.inbox.nth("ack"), current.inbox.nth("ack")]);
    old.send("heartbeat", { state: "ready", current_cpu_usage: 1 });
    current.send("heartbeat", { state: "ready", current_cpu_usage: 1 });
    await current.inbox.nth("heartbeat");
    await waitFor(() => master.workers.get("py_1")!.cpuUsage === 1);
    expect(old.inbox.all("heartbeat")).toHaveLength(0);
  });

  test("marks a silent worker missing (its users no longer counted), and a heartbeat heals it", async () => {
    const master = await startMaster();
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    fake.send("spawning_complete", { user_classes_count: { Alpha: 2, Beta: 0 }, user_count: 2 });
    await waitFor(() => master.userCount === 2);
    await waitFor(() => master.workers.get("w_1")!.state === "missing");
    expect(master.userCount).toBe(0);
    fake.send("heartbeat", { state: "running", current_cpu_usage: 5 });
    await waitFor(() => master.workers.get("w_1")!.state === "running");
    expect(master.workerCount).toBe(1);
  });

  test("with --enable-rebalancing, a worker that goes missing mid-run has its users moved to the others", async () => {
    const master = await startMaster({ enableRebalancing: true });
    const a = await worker(master, "a_1");
    const b = await worker(master, "b_1");
    await Promise.all([a.inbox.nth("ack"), b.inbox.nth("ack")]);
    obeySpawns(a);
    obeySpawns(b);
    beat(a);
    const silenceB = beat(b);
    await master.start(4, 100);
    expect(master.userCount).toBe(4);
    silenceB();
    await waitFor(() => master.workers.get("b_1")!.state === "missing");
    const last = await a.inbox.nth("spawn", a.inbox.all("spawn").length + 1);
    expect((last.data as { user_classes_count: Record<string, number> }).user_classes_count).toEqual({ Alpha: 2, Beta: 2 });
    await waitFor(() => master.userCount === 4);
  });
});

describe("MasterRunner: a test", () => {
  test("spawn messages carry each worker's absolute counts, the host, the stop timeout and the options", async () => {
    const master = await startMaster();
    const completions: number[] = [];
    master.environment.events.spawningComplete.addListener(({ userCount }) => completions.push(userCount));
    const a = await worker(master, "h1_1");
    const b = await worker(master, "h2_1");
    await Promise.all([a.inbox.nth("ack"), b.inbox.nth("ack")]);
    obeySpawns(a);
    obeySpawns(b);
    await master.start(5, 100);
    const lastCounts = (fake: FakeWorker) => (fake.inbox.all("spawn").at(-1)!.data as Record<string, unknown>);
    const [dataA, dataB] = [lastCounts(a), lastCounts(b)];
    const total = (d: Record<string, unknown>) => Object.values(d.user_classes_count as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(total(dataA) + total(dataB)).toBe(5);
    expect(dataA.host).toBe("http://target.test");
    expect(dataA.stop_timeout).toBe(0);
    expect(typeof dataA.timestamp).toBe("number");
    expect(dataA.parsed_options).toEqual({});
    expect(master.state).toBe("running");
    expect(master.userClassesCount).toEqual({ Alpha: 3, Beta: 2 });
    expect(completions).toEqual([5]);
    expect((await a.inbox.nth("spawning_complete")).data).toEqual({ user_count: 5 });
  });

  test("merges every worker's stats report, even one from an unregistered worker, and fires workerReport", async () => {
    const master = await startMaster();
    const reports: string[] = [];
    master.environment.events.workerReport.addListener(({ clientId }) => reports.push(clientId));
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    const stray = await worker(master, "stray_1", null);
    for (const [sender, samples] of [[fake, [10, 20]], [stray, [40]]] as const) {
      const stats = new RequestStats();
      for (const ms of samples) stats.logRequest("GET", "/a", ms, 5, 1_700_000_000);
      sender.send("stats", { ...encodeWorkerReport(stats), user_classes_count: { Alpha: 1 }, user_count: 1 });
    }
    await waitFor(() => reports.length === 2);
    const entry = master.environment.stats.find("/a", "GET")!;
    expect([entry.numRequests, entry.medianResponseTime, entry.maxResponseTime]).toEqual([3, 20, 40]);
    expect(master.workers.get("w_1")!.userClassesCount).toEqual({ Alpha: 1 });
  });

  test("stop sends stop to every worker and finishes when they report client_stopped", async () => {
    const master = await startMaster();
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    obeySpawns(fake);
    await master.start(2, 100);
    const stopping = master.stop();
    await fake.inbox.nth("stop");
    expect(master.state).toBe("stopping");
    fake.send("client_stopped");
    await stopping;
    expect(master.state).toBe("stopped");
    expect(master.workers.has("w_1")).toBe(false);
  });

  test("quit sends quit and waits for each worker's final report and quit before it ends", async () => {
    const master = await startMaster();
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    obeySpawns(fake);
    await master.start(1, 100);
    open.pop(); // quit below, not in afterEach
    const quitting = master.quit();
    await fake.inbox.nth("quit");
    const stats = new RequestStats();
    stats.logRequest("GET", "/final", 7, 0, 1_700_000_000);
    fake.send("stats", { ...encodeWorkerReport(stats), user_classes_count: {}, user_count: 0 });
    fake.send("quit");
    await quitting;
    expect(master.environment.stats.find("/final", "GET")?.numRequests).toBe(1);
    expect(master.listening).toBe(false);
  });

  test("does not start without workers", async () => {
    const master = await startMaster();
    await master.start(3, 1);
    expect(master.state).toBe("ready");
  });
});

describe("MasterRunner: other messages", () => {
  test("asks an unknown worker that says it is spawning to quit", async () => {
    const master = await startMaster();
    const stray = await worker(master, "stray_1", null);
    stray.send("spawning");
    await stray.inbox.nth("quit");
    expect(master.workers.has("stray_1")).toBe(false);
  });

  test("records worker exceptions with the worker as node, and keeps shipped log lines", async () => {
    const master = await startMaster();
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    fake.send("exception", { msg: "boom", traceback: "  at task (locustfile.ts:3)" });
    fake.send("logs", { worker_id: "w_1", logs: ["line 1", "line 2"] });
    await waitFor(() => master.workerLogs.has("w_1"));
    expect(master.exceptions.rows().map((row) => [row.msg, [...row.nodes]])).toEqual([["boom", ["w_1"]]]);
    expect(master.workerLogs.get("w_1")).toEqual(["line 1", "line 2"]);
  });

  test("custom messages reach registered handlers both ways; a payload that is not msgpack asks the worker to reconnect", async () => {
    const master = await startMaster();
    const got: unknown[] = [];
    master.registerMessage("ping_app", ({ msg }) => got.push([msg.nodeId, msg.data]));
    const fake = await worker(master, "w_1");
    await fake.inbox.nth("ack");
    fake.send("ping_app", { n: 1 });
    await waitFor(() => got.length === 1);
    expect(got).toEqual([["w_1", { n: 1 }]]);
    master.sendMessage("pong_app", { n: 2 }, "w_1");
    expect((await fake.inbox.nth("pong_app")).data).toEqual({ n: 2 });
    fake.sendRaw(new Uint8Array([0xc1, 0xc1]));
    await fake.inbox.nth("reconnect");
  });
});
