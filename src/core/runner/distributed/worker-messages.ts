/**
 * What a worker does with each message from its master (Locust's `WorkerRunner.handle_message`), one small
 * handler per type. Unknown types go to `registerMessage` handlers, or are logged and ignored.
 * @module
 */
import { createLogger } from "../../log.ts";
import { decodeMessage } from "../transport/index.ts";
import { adoptMasterOptions } from "./parsed-options.ts";
import { LOCUST_PROTOCOL_VERSION } from "./protocol.ts";
import type { WorkerRunner } from "./worker-runner.ts";

const log = createLogger("locust.runners");

type Handler = (worker: WorkerRunner, data: Record<string, unknown>) => void;

/** Decodes one payload from the master and handles it; one that does not decode is logged and dropped. */
export function handleMasterMessage(worker: WorkerRunner, payload: Uint8Array): void {
  let message: ReturnType<typeof decodeMessage>;
  try {
    message = decodeMessage(payload);
  } catch (err) {
    log.error(`Unrecognized message from master: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const { type, data, nodeId } = message;
  const handler = HANDLERS[type];
  try {
    if (handler) handler(worker, asRecord(data));
    else if (!worker.runMessageHandler({ type, data, nodeId })) log.warning(`Unknown message type received: ${type}`);
  } catch (err) {
    log.error(`Bad ${type} message from master: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const HANDLERS: Record<string, Handler> = {
  ack(worker, data) {
    worker.acknowledged(typeof data.index === "number" ? data.index : -1, data.exact_histograms === true);
  },

  spawn(worker, job) {
    worker.send("spawning", null);
    const timestamp = typeof job.timestamp === "number" ? job.timestamp : 0;
    if (timestamp <= worker.lastSpawnTimestamp) {
      log.info("Discard spawn message with older or equal timestamp than timestamp of previous spawn message");
      return;
    }
    worker.lastSpawnTimestamp = timestamp;
    const environment = worker.environment;
    if (typeof job.host === "string" && job.host !== "") environment.host = job.host;
    environment.stopTimeout = typeof job.stop_timeout === "number" && job.stop_timeout > 0 ? job.stop_timeout : 0;
    adoptMasterOptions(environment, job.parsed_options);
    const counts = classCounts(worker, job.user_classes_count);
    worker.work = worker.work.then(() => applySpawn(worker, counts)).catch((err) => {
      log.error(`Spawning users failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  },

  stop(worker) {
    worker.work = worker.work.then(async () => {
      await worker.stop();
      worker.send("client_stopped", null);
      const extraWait = Number(process.env.LOCUST_WORKER_ADDITIONAL_WAIT_BEFORE_READY_AFTER_STOP ?? 0) || 0;
      await worker.environment.clock.sleep((worker.environment.stopTimeout + extraWait) * 1000);
      worker.send("client_ready", LOCUST_PROTOCOL_VERSION);
      worker.workerState = "ready";
      worker.state = "ready";
    });
  },

  quit(worker) {
    log.info("Got quit message from master, shutting down...");
    void worker.quit();
  },

  reconnect(worker) {
    void worker.reconnect();
  },

  heartbeat(worker) {
    const timestamp = worker.environment.clock.now();
    worker.lastMasterHeartbeat = timestamp;
    worker.environment.events.heartbeatReceived.fire({ clientId: worker.nodeId, timestamp });
  },

  update_user_class(worker, data) {
    // The master's class picker changed a class; only the host matters here (the master does the dispatching).
    const cls = typeof data.user_class_name === "string" ? worker.environment.userClassByName(data.user_class_name) : undefined;
    if (!cls || !("host" in data)) return;
    const host = typeof data.host === "string" && data.host !== "" ? data.host : undefined;
    Object.defineProperty(cls, "host", { value: host, writable: true, configurable: true, enumerable: true });
  },

  spawning_complete(worker, data) {
    const userCount = typeof data.user_count === "number" ? data.user_count : worker.userCount;
    worker.environment.events.spawningComplete.fire({ userCount });
  },
};

/** Runs what one `spawn` asks for: a new test on the first one, then exactly the given users per class. */
async function applySpawn(worker: WorkerRunner, counts: Record<string, number>): Promise<void> {
  if (worker.workerState === "ready") worker.beginWorkerTest();
  worker.workerState = "spawning";
  worker.state = "spawning";
  await worker.spawner.apply(counts);
  worker.send("spawning_complete", { user_classes_count: worker.userClassesCount, user_count: worker.userCount });
  worker.workerState = "running";
  worker.state = "running";
}

/**
 * The counts of a spawn job for the classes this worker has. A class it lacks is reported to the master as an
 * exception and logged here, so both sides say which locustfile is out of step.
 */
function classCounts(worker: WorkerRunner, value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(asRecord(value))) {
    const wanted = typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : 0;
    if (worker.environment.userClassByName(name)) counts[name] = wanted;
    else if (wanted > 0 && !worker.reportedMissingClasses.has(name)) {
      worker.reportedMissingClasses.add(name);
      const msg = `Worker ${worker.nodeId} has no user class named '${name}' (the master asked for ${wanted}); run the same locustfile on the master and every worker`;
      log.error(msg);
      worker.send("exception", { msg, traceback: "" });
    }
  }
  return counts;
}

function asRecord(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}
