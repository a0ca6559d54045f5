/**
 * The master's table of workers: each worker's state, heartbeat credit, reported users, CPU and memory, and the
 * index Locust gives a worker id for the master's whole life.
 * @module
 */
import { LOCUST_PROTOCOL_VERSION, type WorkerState } from "./protocol.ts";

/** One worker as the master sees it. */
export class WorkerNode {
  readonly id: string;
  readonly index: number;
  state: WorkerState = "ready";
  /** Heartbeat credit: reset by every heartbeat, lowered by every master tick. */
  heartbeat: number;
  userClassesCount: Record<string, number> = {};
  cpuUsage = 0;
  memoryUsage = 0;
  cpuWarningEmitted = false;
  /**
   * Whether the worker understands the messages Locust 2.19+ masters send (heartbeat replies, the
   * `spawning_complete` broadcast); older Python workers log a warning for each, so they are not sent to them.
   */
  readonly understandsMasterHeartbeats: boolean;

  constructor(id: string, index: number, liveness: number, version: unknown = LOCUST_PROTOCOL_VERSION) {
    this.id = id;
    this.index = index;
    this.heartbeat = liveness;
    this.understandsMasterHeartbeats = !isVersionBefore(version, 2, 19);
  }

  /** Users this worker last reported. */
  get userCount(): number {
    let total = 0;
    for (const count of Object.values(this.userClassesCount)) total += count;
    return total;
  }

  /** Ready, spawning or running: a worker that takes users. */
  get isActive(): boolean {
    return this.state !== "missing";
  }
}

/** Every connected worker, by id, with indexes that stay fixed per id. */
export class WorkerNodes {
  readonly #nodes = new Map<string, WorkerNode>();
  readonly #indexes = new Map<string, number>();

  /** The worker with this id, if connected. */
  get(id: string): WorkerNode | undefined {
    return this.#nodes.get(id);
  }

  has(id: string): boolean {
    return this.#nodes.has(id);
  }

  /** Registers (or re-registers) a worker in state ready with full heartbeat credit. */
  add(id: string, liveness: number, version?: unknown): WorkerNode {
    const node = new WorkerNode(id, this.indexOf(id), liveness, version);
    this.#nodes.set(id, node);
    return node;
  }

  delete(id: string): WorkerNode | undefined {
    const node = this.#nodes.get(id);
    this.#nodes.delete(id);
    return node;
  }

  /** The 0-based index of a worker id, assigned on first sight and kept for the master's lifetime. */
  indexOf(id: string): number {
    let index = this.#indexes.get(id);
    if (index === undefined) this.#indexes.set(id, (index = this.#indexes.size));
    return index;
  }

  all(): WorkerNode[] {
    return [...this.#nodes.values()];
  }

  /** Workers that are ready, spawning or running. */
  active(): WorkerNode[] {
    return this.all().filter((node) => node.isActive);
  }

  /** Users reported by the active workers. */
  get userCount(): number {
    let total = 0;
    for (const node of this.#nodes.values()) if (node.isActive) total += node.userCount;
    return total;
  }

  /** Users per class reported by the active workers. */
  userClassesCount(classNames: readonly string[]): Record<string, number> {
    const counts: Record<string, number> = Object.fromEntries(classNames.map((name) => [name, 0]));
    for (const node of this.active()) {
      for (const [name, count] of Object.entries(node.userClassesCount)) counts[name] = (counts[name] ?? 0) + count;
    }
    return counts;
  }

  get size(): number {
    return this.#nodes.size;
  }
}

/** Whether a Locust version string such as "2.12.1" is older than major.minor; unparsable versions are not. */
function isVersionBefore(version: unknown, major: number, minor: number): boolean {
  const match = typeof version === "string" ? version.match(/^(\d+)\.(\d+)/) : null;
  if (!match) return false;
  const [theirMajor, theirMinor] = [Number(match[1]), Number(match[2])];
  return theirMajor < major || (theirMajor === major && theirMinor < minor);
}
