/**
 * The users that arrival-rate iterations run on: idle users per class, grown on demand up to a ceiling. Each user
 * runs `beforeStart` and `onStart` once, before its first iteration, and `onStop` when it leaves the pool.
 * @module
 */
import type { Environment } from "../../environment.ts";
import { createLogger } from "../../log.ts";
import type { ScheduleMark } from "../../stats/index.ts";
import { markScheduled } from "../../user/schedule-context.ts";
import type { TaskList } from "../../user/task-table.ts";
import type { User, UserClass } from "../../user/user.ts";

const log = createLogger("locust.runners");

/** One user of the pool and what its iterations need. */
export interface PoolMember {
  readonly user: User;
  readonly className: string;
  readonly mark: ScheduleMark;
  readonly tasks: TaskList;
  /** Settles when `onStart` has run: true when it succeeded. Null until the first iteration starts it. */
  started: Promise<boolean> | null;
  /** True once `onStart` succeeded (lets an iteration skip awaiting `started`). */
  ready: boolean;
  /** The iteration in flight, if any. */
  busy: Promise<void> | null;
  retired: boolean;
}

/** The arrival-rate user pool of one process. */
export class ArrivalPool {
  /** Most users the pool may hold (busy or idle). */
  maxUsers = 0;
  readonly #environment: Environment;
  readonly #idle = new Map<string, PoolMember[]>();
  readonly #members = new Set<PoolMember>();

  constructor(environment: Environment) {
    this.#environment = environment;
  }

  /** Users in the pool, busy or idle. */
  get size(): number {
    return this.#members.size;
  }

  /** Users per class name, including classes with none. */
  countsByClass(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const cls of this.#environment.userClasses) counts[cls.name] = 0;
    for (const member of this.#members) counts[member.className] = (counts[member.className] ?? 0) + 1;
    return counts;
  }

  /** An idle user of `cls`, else a new one when below the ceiling, else null (the iteration is dropped). */
  acquire(cls: UserClass): PoolMember | null {
    const idle = this.#idle.get(cls.name)?.pop();
    if (idle !== undefined) return idle;
    return this.#members.size < this.maxUsers ? this.create(cls) : null;
  }

  /** Adds a new (idle-to-be) user of `cls` to the pool without running anything yet. */
  create(cls: UserClass): PoolMember {
    const user = new (cls as unknown as new (environment: Environment) => User)(this.#environment);
    const tasks = this.#environment.taskTables.tasksOf(cls);
    const member: PoolMember = { user, className: cls.name, mark: markScheduled(user), tasks, started: null, ready: false, busy: null, retired: false };
    this.#members.add(member);
    return member;
  }

  /** Runs `onStart` once for `member`; false when it failed (the member is then retired). */
  start(member: PoolMember): Promise<boolean> {
    member.started ??= this.#runOnStart(member);
    return member.started;
  }

  /** Puts a member back among the idle ones. */
  release(member: PoolMember): void {
    let idle = this.#idle.get(member.className);
    if (!idle) this.#idle.set(member.className, (idle = []));
    member.user.state = "waiting";
    idle.push(member);
  }

  /** Every member, for stopping. */
  members(): PoolMember[] {
    return [...this.#members];
  }

  /** Retires every member (the end of a test). */
  async retireAll(): Promise<void> {
    this.#idle.clear();
    await Promise.all(this.members().map((member) => this.retire(member)));
  }

  /** Takes a member out of the pool: `onStop` (if it started) and `dispose`. Idempotent. */
  async retire(member: PoolMember, runOnStop = true): Promise<void> {
    if (member.retired) return;
    member.retired = true;
    this.#members.delete(member);
    const idle = this.#idle.get(member.className);
    const at = idle?.indexOf(member) ?? -1;
    if (at >= 0) idle!.splice(at, 1);
    const { user } = member;
    if (runOnStop && member.started && (await member.started)) await guarded("on_stop", () => (user.renewSignalForStop(), user.onStop()));
    user.state = "stopped";
    await guarded("dispose", () => user.dispose());
  }

  async #runOnStart(member: PoolMember): Promise<boolean> {
    const { user } = member;
    user.state = "running";
    // An onStart cut short by a stop is not an error of the user's code (the user loop treats it alike).
    // beforeStart opens a protocol user's client, as the user loop does before onStart.
    const ok = await guarded("on_start", async () => (await user.beforeStart(), await user.onStart()), () => user.isStopping);
    if (ok) member.ready = true;
    else await this.retire(member, false);
    return ok;
  }
}

async function guarded(hook: string, work: () => unknown, isExpected = () => false): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (!isExpected()) log.error(`Uncaught exception in ${hook}: \n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return false;
  }
}
