/**
 * The workers a master knows, as the web UI, its JSON and `/metrics` show them (Locust's Workers tab). A runner
 * that is not a master has none.
 * @module
 */
import { MasterRunner } from "../core/runner/distributed/master-runner.ts";
import type { Runner } from "../core/runner/runner.ts";

/** One worker: id, state, users, CPU percent of one core, memory in bytes. */
export type WorkerTuple = [id: string, state: string, userCount: number, cpuUsage: number, memoryUsage: number];

/** The master's workers in index order, or undefined when the runner is not a master. */
export function workerTuples(runner: Runner | undefined): WorkerTuple[] | undefined {
  if (!(runner instanceof MasterRunner)) return undefined;
  return runner.workers
    .all()
    .sort((a, b) => a.index - b.index)
    .map((node) => [node.id, node.state, node.userCount, node.cpuUsage, node.memoryUsage]);
}

/** Each worker's shipped log lines (`logs` messages), by worker id; empty when the runner is not a master. */
export function workerLogs(runner: Runner | undefined): Record<string, string[]> {
  return runner instanceof MasterRunner ? Object.fromEntries(runner.workerLogs) : {};
}
