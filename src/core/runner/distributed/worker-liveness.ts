/**
 * The master's once-a-second liveness tick (Locust's `heartbeat_worker`): every tick costs each worker one
 * heartbeat credit and every heartbeat restores it, so a worker silent for about `heartbeatLiveness` seconds is
 * marked missing, and one missing long enough is dropped.
 * @module
 */
import { createLogger } from "../../log.ts";
import { isActiveState } from "../runner-state.ts";
import type { MasterRunner } from "./master-runner.ts";
import type { WorkerNode } from "./worker-nodes.ts";

const log = createLogger("locust.runners");

/** One liveness tick over every worker of `master`. */
export function checkWorkerLiveness(master: MasterRunner): void {
  const dropped: WorkerNode[] = [];
  for (const node of master.workers.all()) {
    if (node.state === "missing" && node.heartbeat <= master.timings.heartbeatDeadCredit) dropped.push(node);
    if (node.heartbeat < 0 && node.state !== "missing") markMissing(master, node);
    else node.heartbeat--;
  }
  for (const node of dropped) {
    log.info(`Worker ${node.id} has been missing for too long, removing it.`);
    master.workers.delete(node.id);
  }
}

/** A missing worker's users no longer count; they move to the others when rebalancing is on. */
function markMissing(master: MasterRunner, node: WorkerNode): void {
  log.info(`Worker ${node.id} failed to send heartbeat, setting state to missing.`);
  node.state = "missing";
  node.userClassesCount = {};
  master.workerLeft(node);
  if (master.workerCount === 0 && isActiveState(master.state)) {
    log.info("The last worker went missing, stopping test.");
    void master.stop();
  }
}
