/**
 * Starts and stops user loops to match target counts per class; owns the stop-timeout rules.
 * @module
 */
import { createLogger } from "../log.ts";
import type { Environment } from "../environment.ts";
import { runUser } from "../user/user-loop.ts";
import { markIfPaced } from "../user/schedule-context.ts";
import type { User, UserClass } from "../user/user.ts";

const log = createLogger("locust.runners");

/** After a forced stop, how long to wait for user code that ignores the abort signal before giving up on it. */
const ABANDON_AFTER_MS = 2000;

interface RunningUser {
  user: User;
  done: Promise<void>;
}

/** Runs the users of one process, grouped by class in spawn order. */
export class Spawner {
  readonly #environment: Environment;
  readonly #byClass = new Map<string, RunningUser[]>();
  #userCount = 0;

  constructor(environment: Environment) {
    this.#environment = environment;
  }

  /** Users currently running (a stopping user no longer counts). */
  get userCount(): number {
    return this.#userCount;
  }

  /** Running users per class name, including classes with none. */
  get countsByClass(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const cls of this.#environment.userClasses) counts[cls.name] = this.#byClass.get(cls.name)?.length ?? 0;
    return counts;
  }

  /** Every running user (for diagnostics and tests). */
  get users(): User[] {
    return [...this.#byClass.values()].flatMap((group) => group.map((running) => running.user));
  }

  /**
   * Spawns and stops users so each class has its desired count: new users first, then surplus users are stopped
   * (most recently started first), honouring the stop timeout.
   */
  async apply(desired: Readonly<Record<string, number>>): Promise<void> {
    const surplus: RunningUser[] = [];
    for (const [className, count] of Object.entries(desired)) {
      const group = this.#group(className);
      const cls = this.#environment.userClassByName(className);
      if (!cls) continue;
      while (group.length < count) this.#spawn(cls, group);
      if (group.length > count) surplus.push(...group.splice(count).reverse());
    }
    this.#userCount -= surplus.length;
    await this.#stop(surplus);
  }

  /** Stops every user; resolves when they have ended (or were given up on). */
  async stopAll(): Promise<void> {
    const everyone = [...this.#byClass.values()].flatMap((group) => group.splice(0).reverse());
    this.#userCount = 0;
    await this.#stop(everyone);
  }

  #group(className: string): RunningUser[] {
    let group = this.#byClass.get(className);
    if (!group) this.#byClass.set(className, (group = []));
    return group;
  }

  #spawn(cls: UserClass, group: RunningUser[]): void {
    const user = new (cls as unknown as new (environment: Environment) => User)(this.#environment);
    markIfPaced(user);
    const running: RunningUser = { user, done: undefined! };
    running.done = runUser(user, () => this.#forget(running, cls.name));
    group.push(running);
    this.#userCount++;
  }

  #forget(running: RunningUser, className: string): void {
    const group = this.#byClass.get(className);
    const index = group?.indexOf(running) ?? -1;
    if (group && index >= 0) {
      group.splice(index, 1);
      this.#userCount--;
    }
  }

  async #stop(users: RunningUser[]): Promise<void> {
    if (users.length === 0) return;
    const timeoutMs = this.#environment.stopTimeout * 1000;
    const clock = this.#environment.clock;
    for (const { user } of users) user.requestStop(timeoutMs <= 0);
    const allDone = Promise.all(users.map((running) => running.done));
    if (timeoutMs > 0 && !(await settlesWithin(allDone, timeoutMs, (ms, signal) => clock.sleep(ms, signal)))) {
      log.info(`Not all users finished their tasks & terminated in ${this.#environment.stopTimeout} seconds. Stopping them...`);
      for (const { user } of users) user.requestStop(true);
    }
    if (!(await settlesWithin(allDone, ABANDON_AFTER_MS, (ms, signal) => clock.sleep(ms, signal)))) {
      const stuck = users.filter(({ user }) => user.state !== "stopped").length;
      log.warning(`${stuck} user(s) ignored the stop signal (a task awaiting something that cannot be aborted); leaving them behind.`);
    }
  }
}

/** Whether `promise` settles within `ms` (slept with `sleep`, which must end early when its signal aborts). */
export async function settlesWithin(promise: Promise<unknown>, ms: number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>): Promise<boolean> {
  const stopSleeping = new AbortController();
  let settled = false;
  const watched = promise.then(() => (settled = true));
  await Promise.race([watched, sleep(ms, stopSleeping.signal)]);
  stopSleeping.abort();
  return settled;
}
