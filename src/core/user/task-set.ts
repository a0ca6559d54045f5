/**
 * TaskSet: a nested group of tasks with its own loop. Control returns to the parent only through `interrupt()`.
 * @module
 * @see https://docs.locust.io/en/stable/tasksets.html
 */
import {
  InterruptTaskSet,
  LocustError,
  RescheduleTask,
  RescheduleTaskImmediately,
  StopTest,
  StopUser,
} from "../errors.ts";
import { createLogger } from "../log.ts";
import type { User } from "./user.ts";
import { isTaskSetClass, TASKSET_MARK, type TaskDeclaration, type TaskEntry, type TaskRef } from "./task-entry.ts";
import type { TaskList } from "./task-table.ts";
import { pauseUser } from "./pause.ts";
import { assertWaitSeconds, InvalidWaitTimeError, type WaitTimeFunction } from "./wait-time.ts";

const log = createLogger("locust.user.task");

/** The `client` of a user type, so `this.client` in a TaskSet is typed like the user's. */
export type ClientOf<U> = U extends { client: infer C } ? C : unknown;

function rescheduleFor(interrupt: InterruptTaskSet): Error {
  return interrupt.reschedule ? new RescheduleTaskImmediately() : new RescheduleTask();
}

/**
 * What picking a task from an empty holder throws: an ordinary error, as in Locust, so the user keeps trying (each
 * attempt counted as a user error, which fails the run) instead of stopping silently.
 */
export function noTasksError(holder: Function): LocustError {
  return new LocustError(
    `No tasks defined on ${holder.name} (or none left after tag filtering). Use the @task decorator or set the static 'tasks' attribute of the TaskSet.`,
    { code: "NO_TASKS" },
  );
}

function isStopError(err: unknown, user: User): boolean {
  // An abort caused by our own stop request surfaces as whatever the client throws; treat it as a stop.
  return err instanceof StopUser || err instanceof StopTest || user.isStopping;
}

/**
 * A group of tasks a user runs until one of them calls `interrupt()`.
 * @example
 * ```ts
 * class Forum extends TaskSet<HttpUser> {
 *   @task(5) async read() { await this.client.get("/forum/thread/1"); }
 *   @task async leave() { this.interrupt(); }
 * }
 * ```
 */
export class TaskSet<U extends User = User> {
  static readonly [TASKSET_MARK] = true as const;
  /** Declarative tasks, as on User. */
  static tasks?: TaskDeclaration;
  /** Own wait time; without one the user's is used. */
  declare waitTime?: WaitTimeFunction;
  /** The TaskSet or User that started this one. */
  readonly parent: TaskSet<U> | U;
  /** The user running this TaskSet. */
  readonly user: U;
  #queue: TaskEntry[] | undefined;
  readonly #tasks: TaskList;

  constructor(parent: TaskSet<U> | U, outerTags: ReadonlySet<string> = new Set()) {
    this.parent = parent;
    this.user = (parent instanceof TaskSet ? parent.user : parent) as U;
    this.#tasks = this.user.environment.taskTables.tasksOf(this.taskSource(), outerTags);
  }

  /** The user's client (`this.user.client`). */
  get client(): ClientOf<U> {
    return (this.user as unknown as { client: ClientOf<U> }).client;
  }

  /** The tasks this TaskSet picks from. */
  get tasks(): readonly TaskEntry[] {
    return this.#tasks.entries;
  }

  /** Called when the TaskSet starts. */
  onStart(): void | Promise<void> {}

  /** Called when the TaskSet is left through `interrupt()` or the user stops. */
  onStop(): void | Promise<void> {}

  /**
   * Leaves this TaskSet and hands control back to the parent: with `reschedule` (default) the parent picks its
   * next task at once, otherwise it waits first.
   */
  interrupt(reschedule = true): never {
    throw new InterruptTaskSet(reschedule);
  }

  /** Queues a task to run before the next random pick; `first` puts it at the front. */
  scheduleTask(task: TaskRef | TaskEntry, first = false): void {
    const entry: TaskEntry = typeof task === "object" ? task : this.#entryFor(task);
    this.#queue ??= [];
    if (first) this.#queue.unshift(entry);
    else this.#queue.push(entry);
  }

  /** Picks the next task (weighted random). */
  getNextTask(): TaskEntry {
    const next = this.#tasks.pick();
    if (!next) throw noTasksError(this.taskSource());
    return next;
  }

  /** Waits the wait time; throws StopUser when the user is asked to stop before or during the wait. */
  async wait(): Promise<void> {
    const pause = this.#beginWait();
    if (pause) await pause;
    this.#endWait();
  }

  /** Starts the wait; returns what to await, or nothing when no pause is due (the loop then skips an await). */
  #beginWait(): Promise<void> | undefined {
    const user = this.user;
    if (user.isStopping) throw new StopUser();
    user.state = "waiting";
    const seconds = this.waitSeconds();
    // Inline range check: this runs once per task; the helper (and its message) only for a bad value.
    if (!(seconds >= 0 && seconds < Infinity)) assertWaitSeconds(seconds, this.taskSource().name);
    return pauseUser(user, seconds * 1000);
  }

  #endWait(): void {
    const user = this.user;
    if (user.isStopping) throw new StopUser();
    user.state = "running";
  }

  /** Seconds to wait after a task. */
  protected waitSeconds(): number {
    if (this.waitTime) return this.waitTime();
    return this.user.waitTime ? this.user.waitTime() : 0;
  }

  /** The class whose tasks this holder runs (the user's class for the root). */
  protected taskSource(): Function {
    return this.constructor;
  }

  /** What task functions and methods are called on (the user itself for the root). */
  protected taskHolder(): object {
    return this;
  }

  /** Runs the TaskSet loop until interrupted or stopped; never returns normally. */
  async run(): Promise<never> {
    try {
      await this.onStart();
    } catch (err) {
      if (err instanceof InterruptTaskSet) throw rescheduleFor(err);
      throw err;
    }
    for (;;) {
      try {
        const next = this.#queue?.shift() ?? this.getNextTask();
        let waitAfter = true;
        // Inlined on purpose: this loop runs once per task, and every extra async frame costs an await.
        try {
          if (this.user.isStopping) throw new StopUser();
          const result = this.#start(next);
          if (result instanceof Promise) await result;
        } catch (err) {
          if (err instanceof RescheduleTaskImmediately) waitAfter = false;
          else if (!(err instanceof RescheduleTask)) throw err;
        }
        if (waitAfter) {
          const pause = this.#beginWait();
          if (pause) await pause;
          this.#endWait();
        }
      } catch (err) {
        await this.#handleLoopError(err);
      }
    }
  }

  #start(entry: TaskEntry): unknown {
    const holder = this.taskHolder() as Record<string, () => unknown>;
    if (entry.kind === "method") return holder[entry.ref as string]!();
    if (entry.kind === "function") return (entry.ref as (h: object) => unknown)(holder);
    const TaskSetClass = entry.ref as unknown as new (parent: object, tags: ReadonlySet<string>) => TaskSet;
    return new TaskSetClass(holder, entry.tags).run();
  }

  async #handleLoopError(err: unknown): Promise<void> {
    // A bad wait time is a setup error: it ends the user and the runner stops the test (see runUser).
    if (err instanceof InvalidWaitTimeError) throw err;
    if (err instanceof InterruptTaskSet) {
      await this.#runOnStop();
      throw rescheduleFor(err);
    }
    if (isStopError(err, this.user)) {
      await this.#runOnStop();
      throw err instanceof StopTest ? err : new StopUser();
    }
    const environment = this.user.environment;
    const tb = err instanceof Error ? (err.stack ?? String(err)) : String(err);
    environment.events.userError.fire({ userInstance: this, exception: err, tb });
    if (!environment.catchExceptions) throw err;
    await this.wait();
  }

  async #runOnStop(): Promise<void> {
    this.user.renewSignalForStop();
    try {
      await this.onStop();
    } catch (err) {
      if (err instanceof StopUser) throw err;
      log.error(`Uncaught exception in on_stop: \n${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  #entryFor(ref: TaskRef): TaskEntry {
    const found = this.#tasks.entries.find((entry) => entry.ref === ref);
    if (found) return found;
    if (typeof ref === "string") return { kind: "method", name: ref, weight: 1, ref, tags: new Set() };
    const kind = isTaskSetClass(ref) ? "taskset" : "function";
    return { kind, name: ref.name, weight: 1, ref, tags: new Set() };
  }
}
