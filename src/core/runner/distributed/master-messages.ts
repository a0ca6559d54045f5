/**
 * What the master does with each message a worker sends (Locust's `MasterRunner.handle_message`), one small
 * handler per type. Unknown types go to `registerMessage` handlers, or are logged and ignored.
 * @module
 */
import { createLogger } from "../../log.ts";
import { mergeWorkerReport } from "../../stats/index.ts";
import { decodeMessage } from "../transport/index.ts";
import type { MasterRunner } from "./master-runner.ts";
import { LOCUST_PROTOCOL_VERSION, parseWorkerState } from "./protocol.ts";

const log = createLogger("locust.runners");
const CPU_WARNING_THRESHOLD = 90;

type Handler = (master: MasterRunner, nodeId: string, data: unknown) => void;

/** Decodes one payload from `identity` and handles it; a payload that does not decode is logged and dropped. */
export function handleWorkerMessage(master: MasterRunner, identity: string, payload: Uint8Array): void {
  let message: ReturnType<typeof decodeMessage>;
  try {
    message = decodeMessage(payload);
  } catch (err) {
    log.error(`Unrecognized message detected: ${err instanceof Error ? err.message : String(err)} from ${identity}`);
    if (master.workers.has(identity)) master.send("reconnect", null, identity);
    return;
  }
  const { type, data } = message;
  // Locust answers client_ready on the routing identity; everything else names its sender in the message.
  const nodeId = type === "client_ready" ? identity : message.nodeId;
  const handler = HANDLERS[type];
  try {
    if (handler) handler(master, nodeId, data);
    else if (!master.runMessageHandler({ type, data, nodeId })) {
      log.warning(`Unknown message type received from worker ${nodeId} (index ${master.workers.indexOf(nodeId)}): ${type}`);
    }
  } catch (err) {
    log.error(`Bad ${type} message from worker ${nodeId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const HANDLERS: Record<string, Handler> = {
  client_ready(master, nodeId, data) {
    if (!data) {
      log.error(`An old (pre 2.0) worker tried to connect (${nodeId}). That's not going to work.`);
      return;
    }
    if (typeof data === "string" && data !== LOCUST_PROTOCOL_VERSION && data.slice(0, 4) !== LOCUST_PROTOCOL_VERSION.slice(0, 4)) {
      log.debug(`A worker (${nodeId}) running a different version (${data}) connected, master version is ${LOCUST_PROTOCOL_VERSION}`);
    }
    const known = master.workers.has(nodeId);
    const index = master.workers.indexOf(nodeId);
    // `exact_histograms` tells a locust-bun worker it may leave Locust's rounded response_times out; Python ignores it.
    master.send("ack", { index, exact_histograms: true }, nodeId);
    master.environment.events.workerConnect.fire({ clientId: nodeId });
    const node = master.workers.add(nodeId, master.timings.heartbeatLiveness, data);
    const connected = master.workerCount;
    const suffix = known ? " (duplicate message)" : "";
    log.info(`${nodeId} (index ${index}) reported as ready${suffix}. ${connected} workers connected.`);
    master.workerJoined(node);
  },

  heartbeat(master, nodeId, data) {
    const node = master.workers.get(nodeId);
    if (!node) return log.debug(`Got heartbeat message from unknown worker ${nodeId}`);
    const beat = asRecord(data);
    node.heartbeat = master.timings.heartbeatLiveness;
    const state = parseWorkerState(beat.state);
    if (node.state === "missing") {
      log.info(`Worker ${nodeId} self-healed with heartbeat, setting state to ${state}.`);
      node.state = state;
      master.workerJoined(node);
    }
    node.state = state;
    node.cpuUsage = finiteOr(beat.current_cpu_usage, node.cpuUsage);
    node.memoryUsage = finiteOr(beat.current_memory_usage, node.memoryUsage);
    if (!node.cpuWarningEmitted && node.cpuUsage > CPU_WARNING_THRESHOLD) {
      node.cpuWarningEmitted = true;
      master.workerCpuWarningEmitted = true;
      log.warning(`Worker ${nodeId} (index ${node.index}) exceeded cpu threshold (will only log this once per worker)`);
    }
    master.environment.events.heartbeatSent.fire({ clientId: nodeId, timestamp: master.environment.clock.now() });
    if (node.understandsMasterHeartbeats) master.send("heartbeat", null, nodeId);
  },

  stats(master, nodeId, data) {
    const report = asRecord(data);
    const problems = mergeWorkerReport(master.environment.stats, report);
    if (problems.length > 0) log.warning(`Skipped parts of a stats report from worker ${nodeId}: ${problems.join("; ")}`);
    master.environment.events.workerReport.fire({ clientId: nodeId, data: report });
    const node = master.workers.get(nodeId);
    if (!node) return log.info(`Discarded report from unrecognized worker ${nodeId}`);
    if (node.isActive) node.userClassesCount = countsOf(report.user_classes_count);
  },

  spawning(master, nodeId) {
    const node = master.workers.get(nodeId);
    if (!node) {
      log.warning(`Got spawning message from unknown worker ${nodeId}. Asking worker to quit.`);
      master.send("quit", null, nodeId);
      return;
    }
    node.state = "spawning";
  },

  spawning_complete(master, nodeId, data) {
    const node = master.workers.get(nodeId);
    if (!node) return log.warning(`Received spawning_complete message from an unknown worker: ${nodeId}.`);
    node.state = "running";
    node.userClassesCount = countsOf(asRecord(data).user_classes_count);
  },

  client_stopped(master, nodeId) {
    const node = master.workers.delete(nodeId);
    if (!node) return log.warning(`Received client_stopped message from an unknown worker: ${nodeId}.`);
    master.workerLeft(node);
    log.info(`${nodeId} (index ${node.index}) reported that it has stopped`);
  },

  quit(master, nodeId) {
    const node = master.workers.delete(nodeId);
    if (!node) return;
    master.workerLeft(node);
    log.info(`Worker '${nodeId}' (index ${node.index}) quit. ${master.workers.active().filter((n) => n.state === "ready").length} workers ready.`);
    if (master.workerCount === 0 && !master.quitting) {
      log.info("The last worker quit, stopping test.");
      master.onLastWorkerQuit();
    }
  },

  exception(master, nodeId, data) {
    const { msg, traceback } = asRecord(data);
    master.exceptions.record(String(msg ?? ""), String(traceback ?? ""), nodeId);
  },

  logs(master, nodeId, data) {
    const { logs } = asRecord(data);
    if (Array.isArray(logs)) master.workerLogs.set(nodeId, logs.map(String));
  },
};

function asRecord(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** A `{class: count}` map from a report, keeping only whole non-negative counts. */
function countsOf(value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(asRecord(value))) {
    if (typeof count === "number" && Number.isInteger(count) && count >= 0) counts[name] = count;
  }
  return counts;
}
