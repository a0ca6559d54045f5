/**
 * The workers of bench/distributed.ts's scale table, all in this one process: N DEALER connections to a master on
 * loopback, each announcing itself (client_ready), sending a heartbeat every second and, once it was told to
 * spawn, a 20-entry stats report every 3 s, staggered over the 3 s. The report is built once from recorded
 * samples and encoded once per worker, so this process stays light: the point is the master's cost.
 * Run: bun bench/lib/simulated-workers.ts <master port> <workers>
 */
import { encodeWorkerReport } from "../../src/core/stats/locust-report-encode.ts";
import type { LocustWorkerReport } from "../../src/core/stats/locust-report.ts";
import { DealerSocket, decodeMessage, encodeMessage } from "../../src/core/runner/transport/index.ts";
import { RequestStats } from "../../src/index.ts";

const [PORT, WORKERS] = [Number(process.argv[2]), Number(process.argv[3])];
const ENTRIES = 20;
const SAMPLES_PER_ENTRY = 150;
const REPORT_EVERY_HEARTBEATS = 3;
const CONNECT_BATCH = 100;

/** Three seconds of requests over 20 endpoints with a long-tailed response time, and a few failures. */
function buildReport(): LocustWorkerReport {
  const stats = new RequestStats({ useResponseTimesCache: false });
  const now = Date.now() / 1000;
  for (let entry = 0; entry < ENTRIES; entry++) {
    for (let i = 0; i < SAMPLES_PER_ENTRY; i++) {
      const at = now - 3 + (3 * i) / SAMPLES_PER_ENTRY;
      stats.logRequest("GET", `/api/endpoint/${entry}`, 2 + 400 * Math.random() ** 4, 512, at);
      if (entry < 3 && i % 30 === 0) stats.logError("GET", `/api/endpoint/${entry}`, new Error("HTTP Error 503: Service Unavailable"), at);
    }
  }
  // As a locust-bun worker reports to a locust-bun master, whose ack says it reads the exact histograms alone.
  return encodeWorkerReport(stats, now, { roundedResponseTimes: false });
}

const report = buildReport();

class SimulatedWorker {
  readonly nodeId: string;
  readonly socket: DealerSocket;
  #ticks = 0;
  #heartbeat: Uint8Array;
  #report: Uint8Array | undefined;

  constructor(index: number) {
    this.nodeId = `simulated_${index}_${crypto.randomUUID().replaceAll("-", "")}`;
    this.#heartbeat = this.#encodeHeartbeat("ready");
    this.socket = new DealerSocket({ host: "127.0.0.1", port: PORT, identity: this.nodeId, onMessage: (payload) => this.#received(payload) });
  }

  /** Heartbeat every call, a report every third call once running. */
  tick(): void {
    this.socket.send(this.#heartbeat);
    if (this.#report && this.#ticks++ % REPORT_EVERY_HEARTBEATS === 0) this.socket.send(this.#report);
  }

  #received(payload: Uint8Array): void {
    const { type, data } = decodeMessage(payload);
    if (type !== "spawn") return;
    const userClassesCount = (data as { user_classes_count: Record<string, number> }).user_classes_count;
    const userCount = Object.values(userClassesCount).reduce((sum, count) => sum + count, 0);
    this.#heartbeat = this.#encodeHeartbeat("running");
    this.#report = encodeMessage("stats", { ...report, user_classes_count: userClassesCount, user_count: userCount }, this.nodeId);
  }

  #encodeHeartbeat(state: string): Uint8Array {
    return encodeMessage("heartbeat", { state, current_cpu_usage: 12.5, current_memory_usage: 80_000_000 }, this.nodeId);
  }
}

const workers = Array.from({ length: WORKERS }, (_, i) => new SimulatedWorker(i));
for (let i = 0; i < workers.length; i += CONNECT_BATCH) {
  await Promise.all(workers.slice(i, i + CONNECT_BATCH).map((worker) => worker.socket.connect()));
}
for (const [i, worker] of workers.entries()) {
  worker.socket.send(encodeMessage("client_ready", "2.46.3", worker.nodeId));
  // Spread over the report interval, so reports (and heartbeats) arrive evenly rather than in bursts.
  setTimeout(() => {
    worker.tick();
    setInterval(() => worker.tick(), 1000);
  }, (i / workers.length) * 1000 * REPORT_EVERY_HEARTBEATS);
}
