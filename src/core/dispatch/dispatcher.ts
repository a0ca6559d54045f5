/**
 * Locust's users dispatcher without clocks: how many users of each class every worker should run, step by step.
 * @module
 */
import { LocustError } from "../errors.ts";
import type { DispatchUserClass } from "./dispatch-user-class.ts";
import { computeSpawnPacing } from "./spawn-pacing.ts";
import { UserPicker } from "./user-picker.ts";
import { orderWorkers } from "./worker-order.ts";

/** Desired user counts: worker id → user class name → count. Every worker lists every class, zeros included. */
export type DispatchState = Record<string, Record<string, number>>;

/** One dispatch iteration: the complete desired state, and how long to wait before asking for the next step. */
export interface DispatchStep {
  readonly state: DispatchState;
  /**
   * Wait before the next {@link UsersDispatcher.next} call: `usersPerIteration / spawnRate` in ms, or 0 after a
   * rebalanced state and after the step that ends the cycle (target reached or nothing left to spawn).
   */
  readonly delayMs: number;
}

type Phase = "idle" | "starting" | "ramping" | "done";

/**
 * Plans a ramp ("dispatch cycle") from the current user count to a target, one iteration per {@link next} call.
 * It never sleeps: each step carries the delay the caller should wait before the next call (the first step is due
 * at once; a caller that wants Locust's exact pacing subtracts the time it spent applying a step), so it is driven
 * by a Clock in the runner and by plain loops in tests. Mirrors Locust's `UsersDispatcher`:
 * - classes are ordered by name; workers by {@link orderWorkers} and used round-robin, in lock-step with the
 *   class sequence;
 * - missing fixed-count users are added before weighted ones (see {@link UserPicker});
 * - ramp-down removes the most recently added (worker, class) pairs first (LIFO);
 * - adding or removing a worker recomputes the distribution as if ramped from 0 over the new worker set; the next
 *   step of the current (or, if none is running, the next) cycle is that rebalanced state, with no delay after it.
 *
 * Not thread-safe; callers serialise calls. Each returned state is a fresh copy.
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#weight-and-fixed-count-attributes
 */
export class UsersDispatcher {
  readonly #classes: DispatchUserClass[];
  readonly #classIndex = new Map<string, number>();
  #pickedNames: string[];
  #picker: UserPicker;
  #workers: string[];
  /** counts[worker][class], indices into #workers and #classes. */
  #counts: number[][] = [];
  #classTotals: number[];
  /** Stack of added users, each packed as `worker * classCount + class`, for LIFO removal. */
  #added: number[] = [];
  #cursor = 0;
  #userCount = 0;
  #target = 0;
  #usersPerIteration = 1;
  #waitMs = 0;
  #phase: Phase = "idle";
  #exhausted = false;
  #rebalancePending = false;

  /**
   * @param userClasses the dispatchable classes (see `selectDispatchableClasses`); names must be unique.
   * @param workerIds worker ids; a local run uses the single pseudo-worker `"local"`.
   */
  constructor(userClasses: readonly DispatchUserClass[], workerIds: readonly string[] = ["local"]) {
    this.#classes = [...userClasses].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.#classes.forEach((cls, index) => {
      if (this.#classIndex.has(cls.name)) {
        throw new LocustError(`Duplicate user class name "${cls.name}".`, {
          code: "DUPLICATE_USER_CLASS",
          hint: "Give every User class a distinct name.",
        });
      }
      this.#classIndex.set(cls.name, index);
    });
    this.#pickedNames = this.#classes.map((cls) => cls.name);
    this.#picker = new UserPicker(this.#classes);
    this.#workers = orderWorkers([...new Set(workerIds)]);
    this.#counts = this.#workers.map(() => this.#classes.map(() => 0));
    this.#classTotals = this.#classes.map(() => 0);
  }

  /** Users currently dispatched, summed over workers. */
  get userCount(): number {
    return this.#userCount;
  }

  /** Users currently dispatched per class name (every class listed, zeros included). */
  get dispatchedCounts(): Record<string, number> {
    return Object.fromEntries(this.#classes.map((cls, index) => [cls.name, this.#classTotals[index]]));
  }

  /** Worker ids in the order users are dealt to them. */
  get workerIds(): string[] {
    return [...this.#workers];
  }

  /** True between {@link newDispatch} and the `null` that ends the cycle. */
  get dispatchInProgress(): boolean {
    return this.#phase === "starting" || this.#phase === "ramping";
  }

  /** A copy of the current desired state. */
  get state(): DispatchState {
    const state: DispatchState = {};
    this.#workers.forEach((id, worker) => {
      const row: Record<string, number> = {};
      this.#classes.forEach((cls, index) => (row[cls.name] = this.#counts[worker][index]));
      state[id] = row;
    });
    return state;
  }

  /**
   * Starts a new dispatch cycle toward `targetUserCount` at `spawnRate` users per second.
   * @param userClassNames restricts new users to these classes (a shape tick's third element). When the set
   *   differs from the current one the class sequence restarts; `undefined`/`null` keeps the current restriction,
   *   as in Locust, and `[]` adds no users. Users of other classes keep running and are still removed LIFO.
   * @throws LocustError for a negative or fractional user count, a spawn rate not above 0, or an unknown class.
   */
  newDispatch(targetUserCount: number, spawnRate: number, userClassNames?: readonly string[] | null): void {
    if (!Number.isInteger(targetUserCount) || targetUserCount < 0) {
      throw new LocustError(`Invalid user count ${targetUserCount}: it must be a whole number of 0 or more.`, {
        code: "INVALID_USER_COUNT",
      });
    }
    const pacing = computeSpawnPacing(spawnRate);
    if (userClassNames) this.#restrictClasses(userClassNames);
    this.#target = targetUserCount;
    this.#usersPerIteration = pacing.usersPerIteration;
    this.#waitMs = pacing.waitMs;
    this.#phase = "starting";
    this.#exhausted = false;
  }

  /** The next step of the cycle, or `null` once the cycle is finished (and before any {@link newDispatch}). */
  next(): DispatchStep | null {
    if (this.#phase === "idle" || this.#phase === "done") return null;
    if (this.#rebalancePending) {
      this.#rebalancePending = false;
      if (this.#phase === "starting") this.#phase = this.#userCount === this.#target ? "done" : "ramping";
      return { state: this.state, delayMs: 0 };
    }
    if (this.#phase === "starting") {
      this.#phase = "ramping";
      if (this.#userCount === this.#target) {
        this.#phase = "done";
        return { state: this.state, delayMs: 0 };
      }
    }
    if (this.#exhausted || this.#userCount === this.#target) {
      this.#phase = "done";
      return null;
    }
    if (this.#userCount < this.#target) this.#addIteration();
    else this.#removeIteration();
    const finished = this.#exhausted || this.#userCount === this.#target;
    return { state: this.state, delayMs: finished ? 0 : this.#waitMs };
  }

  /** Steps until the cycle ends (convenient for tests and for callers that do not wait). */
  *[Symbol.iterator](): Generator<DispatchStep, void, undefined> {
    for (let step = this.next(); step; step = this.next()) yield step;
  }

  /** Adds a worker and rebalances (a no-op when the id is already known). */
  addWorker(workerId: string): void {
    if (this.#workers.includes(workerId)) return;
    this.#workers = orderWorkers([...this.#workers, workerId]);
    this.#rebalance();
  }

  /**
   * Removes a worker and rebalances its users onto the others (a no-op for an unknown id). Removing the last
   * worker leaves an empty state with 0 users: nothing can run until a worker is added.
   */
  removeWorker(workerId: string): void {
    if (!this.#workers.includes(workerId)) return;
    this.#workers = this.#workers.filter((id) => id !== workerId);
    this.#rebalance();
  }

  #restrictClasses(names: readonly string[]): void {
    for (const name of names) {
      if (!this.#classIndex.has(name)) {
        throw new LocustError(`Unknown user class "${name}" in a dispatch restriction.`, {
          code: "UNKNOWN_USER_CLASS",
          hint: `Known classes: ${this.#classes.map((cls) => cls.name).join(", ")} (weight 0 without fixedCount is never dispatched).`,
        });
      }
    }
    const sorted = [...new Set(names)].sort();
    if (sorted.join("\n") === this.#pickedNames.join("\n")) return;
    this.#pickedNames = sorted;
    // Unlike Locust, a new class set always re-checks fixed counts, so a fixed class that joins later is spawned.
    this.#picker = this.#createPicker();
  }

  #createPicker(): UserPicker {
    return new UserPicker(this.#pickedNames.map((name) => this.#classes[this.#classIndex.get(name)!]));
  }

  #addIteration(): void {
    const iterationTarget = Math.min(this.#userCount + this.#usersPerIteration, this.#target);
    while (this.#userCount < iterationTarget) {
      if (!this.#placeNextUser()) {
        this.#exhausted = true;
        return;
      }
    }
  }

  #removeIteration(): void {
    const iterationTarget = Math.max(this.#userCount - this.#usersPerIteration, this.#target);
    const classCount = this.#classes.length;
    while (this.#userCount > iterationTarget) {
      const packed = this.#added.pop();
      if (packed === undefined) {
        // The stack always mirrors the state; an empty one means there is nothing left to remove.
        this.#exhausted = true;
        return;
      }
      const cls = packed % classCount;
      this.#counts[(packed - cls) / classCount][cls]--;
      this.#classTotals[cls]--;
      this.#userCount--;
      this.#picker.requestFixedCheck();
    }
  }

  /** Adds one user: next class from the picker, next worker round-robin. False when nothing can be added. */
  #placeNextUser(): boolean {
    if (this.#workers.length === 0) return false;
    const name = this.#picker.next((className) => this.#classTotals[this.#classIndex.get(className)!]);
    if (name === null) return false;
    const cls = this.#classIndex.get(name)!;
    const worker = this.#cursor;
    this.#cursor = (worker + 1) % this.#workers.length;
    this.#counts[worker][cls]++;
    this.#classTotals[cls]++;
    this.#userCount++;
    this.#added.push(worker * this.#classes.length + cls);
    return true;
  }

  /** Recomputes the state for the current user count as if ramped from 0 over the current worker set. */
  #rebalance(): void {
    const userCount = this.#userCount;
    this.#counts = this.#workers.map(() => this.#classes.map(() => 0));
    this.#classTotals = this.#classes.map(() => 0);
    this.#added = [];
    this.#cursor = 0;
    this.#userCount = 0;
    this.#picker = this.#createPicker();
    // Locust keeps the old count even if fewer users could be placed; the placed count is the truthful one.
    while (this.#userCount < userCount && this.#placeNextUser());
    this.#rebalancePending = true;
  }
}
