/**
 * The master's table of workers: each worker's state, heartbeat credit, reported users, CPU and memory, and the
 * index Locust gives a worker id for the master's whole life.
 * @module
 */
import type { WorkerState } from "./protocol.ts";

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

  constructor(id: string, index: number, liveness: number) {
    this.id = id;
    this.index = index;
    this.heartbeat = liveness;
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
  add(id: string, liveness: number): WorkerNode {
    const node = new WorkerNode(id, this.indexOf(id), liveness);
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
