/**
 * The User base class: what one simulated user is, its class-level settings and its lifecycle hooks.
 * @module
 */
import type { Environment } from "../environment.ts";
import { MAX_TIMER_MS, realClock } from "../clock.ts";
import { ForcedStop } from "../errors.ts";
import type { TaskDeclaration } from "./task-entry.ts";
import type { WaitTimeFunction } from "./wait-time.ts";

/** Marks User classes (inherited by every subclass); survives a second copy of this package being loaded. */
const USER_MARK = Symbol.for("locust-bun.user");

/** Where a user is in its loop. */
export type UserState = "running" | "waiting" | "stopping" | "stopped";

/** A concrete or abstract User class, as the runner and dispatcher see it. */
export type UserClass<U extends User = User> = (abstract new (environment: Environment) => U) & {
  host?: string;
  weight: number;
  fixedCount: number;
  abstract?: boolean;
  tasks?: TaskDeclaration;
};

/**
 * One simulated user. Subclass it, give it tasks (`@task` methods or `static tasks`) and optionally a `waitTime`.
 * Class-level settings are `static` because the dispatcher needs them before any user exists.
 * @example
 * ```ts
 * export class Visitor extends HttpUser {
 *   static override host = "http://127.0.0.1:8080";
 *   waitTime = between(1, 3);
 *   override async onStart() { await this.client.post("/login", { json: { user: "demo" } }); }
 *   @task async home() { await this.client.get("/"); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#user-class
 */
export class User {
  static readonly [USER_MARK] = true as const;
  /** Base URL (or address) of the system under test; `--host` overrides it. */
  static host?: string;
  /** Relative chance of this class being picked when users are spawned. */
  static weight = 1;
  /** When > 0, exactly this many users of the class are spawned (before weighted ones); `weight` is ignored. */
  static fixedCount = 0;
  /** Abstract classes are never run. Only a class that sets it on itself is abstract; subclasses are not. */
  static abstract = true;
  /** Declarative tasks: method names, functions, TaskSet classes, `[task, weight]` tuples, a Map or an object. */
  static tasks?: TaskDeclaration;

  /** Seconds to wait after each task; none means no wait (Locust's default `constant(0)`). */
  declare waitTime?: WaitTimeFunction;
  /** The environment this user runs in: events, stats, runner, options. */
  readonly environment: Environment;
  /** The host of this user: `--host` if given, else the class's `host`. */
  host: string | undefined;
  /** Where this user is in its loop. */
  state: UserState = "running";
  #stopRequested = false;
  // Created on first use: an idle user should cost a few hundred bytes less than two AbortControllers.
  #stopping: AbortController | undefined;
  #abort: AbortController | undefined;
  // Cached: reading AbortController.signal is a native call, and clients read `signal` on every request.
  #signal: AbortSignal | undefined;
  /** The event-loop turn this user last saw between tasks, and when (`performance.now()` ms); see `pauseUser`. */
  lastLoopTurn = -1;
  lastLoopTurnAt = 0;
  /** Ends the current `pauseBetweenTasks()` early. */
  #wake: (() => void) | undefined;

  constructor(environment: Environment) {
    this.environment = environment;
    this.host = environment.host || (new.target as unknown as UserClass).host;
  }

  /**
   * Aborted when the runner force-stops this user (past `--stop-timeout`), with a {@link ForcedStop} as its reason.
   * Protocol clients pass it to every socket and request so in-flight work is cancelled and rejects with that
   * reason. Read it at the time of each operation: `onStop` hooks get a fresh, unaborted signal.
   */
  get signal(): AbortSignal {
    if (!this.#signal) {
      this.#abort = new AbortController();
      this.#signal = this.#abort.signal;
    }
    return this.#signal;
  }

  /** Aborted as soon as any stop is requested. */
  get stoppingSignal(): AbortSignal {
    if (!this.#stopping) {
      this.#stopping = new AbortController();
      if (this.#stopRequested) this.#stopping.abort();
    }
    return this.#stopping.signal;
  }

  /** True once a stop has been requested. */
  get isStopping(): boolean {
    return this.#stopRequested;
  }

  /**
   * Waits `ms` between tasks; a stop request ends the wait at once. On the real clock this is one timer whose
   * cancel function lives on the user (no AbortSignal listener per wait), which keeps idle users small.
   */
  pauseBetweenTasks(ms: number): Promise<void> {
    if (this.#stopRequested) return Promise.resolve();
    const clock = this.environment.clock;
    // A wait past setTimeout's limit takes the clock's chained timers; the common case keeps one timer.
    if (clock !== realClock || ms > MAX_TIMER_MS) return clock.sleep(ms, this.stoppingSignal);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  /**
   * Sleeps `ms` milliseconds inside a task on the environment's clock. Unlike `Bun.sleep`, a forced stop ends the
   * sleep and the task at once (as killing a greenlet does in Locust): it rejects with {@link ForcedStop}, which a
   * `catch` may see but cannot turn into a recorded failure.
   */
  async sleep(ms: number): Promise<void> {
    const signal = this.signal;
    await this.environment.clock.sleep(ms, signal);
    if (signal.aborted) throw signal.reason;
  }

  /**
   * Called before `onStart`, for base classes that prepare what every subclass needs (a {@link ProtocolUser} opens
   * its client here). A locustfile overrides `onStart` instead.
   */
  beforeStart(): void | Promise<void> {}

  /** Called when the user starts, before any task. */
  onStart(): void | Promise<void> {}

  /** Called when the user stops (gracefully or not). */
  onStop(): void | Promise<void> {}

  /**
   * Releases what the user holds (sockets, pools) after it has ended — after `onStop`, also when `onStart` failed.
   * Protocol users close their connections here, so a subclass overriding `onStop` cannot leak them.
   */
  dispose(): void | Promise<void> {}

  /** Extra data added to the `context` of every request this user makes. */
  context(): Record<string, unknown> {
    return {};
  }

  /**
   * Asks the user to stop: a waiting user stops at once; a busy one stops when its task ends. With `force`,
   * in-flight operations are aborted too.
   */
  requestStop(force = false): void {
    if (this.state !== "stopped") this.state = "stopping";
    this.#stopRequested = true;
    this.#stopping?.abort();
    this.#wake?.();
    if (force) {
      void this.signal; // creates the controller if needed, so later reads see the abort
      this.#abort!.abort(new ForcedStop());
    }
  }

  /** Gives `onStop` hooks an unaborted signal after a forced stop. */
  renewSignalForStop(): void {
    if (this.#signal?.aborted) this.#signal = undefined;
  }
}

/** True when `value` is a User class (the base User included). */
export function isUserClass(value: unknown): value is UserClass {
  return typeof value === "function" && (value as { [USER_MARK]?: boolean })[USER_MARK] === true;
}

/** True when `cls` declares `static abstract = true` itself. */
export function isAbstractClass(cls: Function): boolean {
  return Object.hasOwn(cls, "abstract") && (cls as { abstract?: boolean }).abstract === true;
}
