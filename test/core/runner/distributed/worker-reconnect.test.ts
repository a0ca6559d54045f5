import { afterEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../../src/core/environment.ts";
import type { MasterRunner } from "../../../../src/core/runner/distributed/master-runner.ts";
import type { DistributedTimings } from "../../../../src/core/runner/distributed/protocol.ts";
import type { WorkerRunner } from "../../../../src/core/runner/distributed/worker-runner.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import { User } from "../../../../src/core/user/user.ts";
import { FAST_TIMINGS } from "../../../support/distributed-peers.ts";
import { startTcpProxy, type TcpProxy } from "../../../support/tcp-proxy.ts";
import { waitFor } from "../../../support/wait-for.ts";

const NODE = "testhost_reconnecting";
// Fast reports and ramps, but a cut of a few hundred milliseconds must not make either side give the other up.
const TIMINGS: DistributedTimings = { ...FAST_TIMINGS, heartbeatLiveness: 100, masterHeartbeatTimeoutMs: 10_000 };

class Idle extends User {
  waitTime = () => 0.05;
  @task async idle() {}
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A master, a proxy in front of it, and the ids of every `client_ready` the master handled. */
async function startMaster(): Promise<{ master: MasterRunner; proxy: TcpProxy; registrations: string[] }> {
  const environment = new Environment({ userClasses: [Idle] });
  environment.attachStats();
  const master = environment.createMasterRunner({ bindHost: "127.0.0.1", bindPort: 0, timings: TIMINGS });
  await master.listen();
  cleanup.push(() => master.quit());
  const proxy = startTcpProxy(master.port);
  cleanup.push(async () => await proxy[Symbol.asyncDispose]());
  const registrations: string[] = [];
  environment.events.workerConnect.addListener(({ clientId }) => registrations.push(clientId));
  return { master, proxy, registrations };
}

async function connectWorker(port: number): Promise<WorkerRunner> {
  const worker = new Environment({ userClasses: [Idle] }).createWorkerRunner({ masterPort: port, nodeId: NODE, timings: TIMINGS });
  cleanup.push(() => worker.quit());
  await worker.connect();
  return worker;
}

describe("a worker reconnecting with the same id", () => {
  test("after a cut that left the master's side open, the master hands the id to the new connection, closes the old one and keeps directing the worker", async () => {
    const { master, proxy, registrations } = await startMaster();
    const worker = await connectWorker(proxy.port);
    await master.waitForWorkers(1, 5);
    await master.start(2, 100);
    expect(worker.userCount).toBe(2);
    const [old] = proxy.links;
    proxy.cutClientSide(old!);
    // The master had no reason of its own to close that connection: only a second one claiming the id does.
    await old!.upstreamClosed;
    expect(proxy.links).toHaveLength(2);
    await waitFor(() => registrations.length === 2);
    expect(registrations).toEqual([NODE, NODE]);
    await master.start(5, 100);
    expect(worker.userCount).toBe(5);
  });

  test("a worker restarted with the same id while its old connection still looks alive gets an ack and the users", async () => {
    const { master, proxy } = await startMaster();
    const old = await connectWorker(proxy.port);
    await master.waitForWorkers(1, 5);
    await master.start(2, 100);
    proxy.freeze(proxy.links[0]!);
    // libzmq's ROUTER would ignore this connection while the old one lives; this master answers it.
    const restarted = await connectWorker(master.port);
    expect(restarted.workerIndex).toBe(0);
    await proxy.links[0]!.upstreamClosed;
    await master.start(3, 100);
    expect(restarted.userCount).toBe(3);
    expect(old.userCount).toBe(2);
  });

  test("on the master's reconnect message the worker closes its connection before it opens the next one", async () => {
    const { master, proxy, registrations } = await startMaster();
    const worker = await connectWorker(proxy.port);
    await master.waitForWorkers(1, 5);
    // A Locust master ignores a second connection with a live id, so the old one must be gone first.
    master.send("reconnect", null, NODE);
    await waitFor(() => registrations.length === 2);
    expect(proxy.events).toEqual(["open 1", "close 1", "open 2"]);
    await master.start(2, 100);
    expect(worker.userCount).toBe(2);
  });
});
