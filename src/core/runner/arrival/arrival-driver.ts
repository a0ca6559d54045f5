/**
 * Runs task iterations at a set rate (the open model): an exact timetable, a pool of users to run them on, and
 * dropped iterations counted when the pool is busy and full.
 * @module
 */
import { WeightedSequence } from "../../dispatch/index.ts";
import type { Environment } from "../../environment.ts";
import { LocustError } from "../../errors.ts";
import { createLogger } from "../../log.ts";
import type { UserClass } from "../../user/user.ts";
import { settlesWithin } from "../spawner.ts";
import { ArrivalPool, type PoolMember } from "./arrival-pool.ts";
import { ArrivalSchedule } from "./arrival-schedule.ts";
import { settleIteration, startIteration, type IterationOutcome } from "./run-iteration.ts";

const log = createLogger("locust.runners");

/**
 * The scheduler's shortest sleep. A timer cannot wake much more precisely than this anyway; below it the loop would
 * pay a timer per iteration at high rates. Iterations due meanwhile start together at the next wake-up, each with
 * its own due time (so corrected latency still counts the wait).
 */
const MIN_SLEEP_MS = 1;

/** After a forced stop, how long to wait for iterations that ignore the abort signal. */
const ABANDON_AFTER_MS = 2000;

/** What an arrival-rate run aims for. */
export interface ArrivalPlan {
  /** Iterations per second (0 pauses). */
  rate: number;
  /** Ceiling of the user pool. */
  maxUsers: number;
  /** Users created (and started) before the first iteration. */
  preAllocatedUsers?: number;
  /** Restrict iterations to these user classes (names); null or omitted: every class. */
  userClassNames?: readonly string[] | null;
}

/** Starts iterations on time and stops them in order; one per runner. */
export class ArrivalDriver {
  readonly pool: ArrivalPool;
  readonly #environment: Environment;
  readonly #schedule = new ArrivalSchedule();
  #classes = new Map<string, UserClass>();
  #sequence: WeightedSequence | undefined;
  /** The class when only one runs (most tests): no weighted pick per iteration. */
  #only: UserClass | undefined;
  #loop: AbortController | undefined;
  /** Ends the scheduler's sleep early: a new rate, or a stop. */
  #wake = new AbortController();
  #stopping = false;
  /** The latest rate asked for: a re-target while pre-allocated users start is not lost. */
  #askedRate = 0;
  readonly #startIteration = (dueMs: number) => this.#begin(dueMs);

  constructor(environment: Environment) {
    this.#environment = environment;
    this.pool = new ArrivalPool(environment);
  }

  /** True while iterations are being scheduled. */
  get running(): boolean {
    return this.#loop !== undefined;
  }

  /** The rate asked for now (iterations/s). */
  get rate(): number {
    return this.#schedule.rate;
  }

  /**
   * Starts the timetable, or changes the rate, pool ceiling and classes of a running one (what is owed at the old
   * rate stays owed). Pre-allocated users are created and started first.
   * @throws LocustError when no user class has tasks to run.
   */
  async apply(plan: ArrivalPlan): Promise<void> {
    this.#selectClasses(plan.userClassNames ?? null);
    this.pool.maxUsers = Math.max(plan.maxUsers, plan.preAllocatedUsers ?? 0);
    this.#askedRate = plan.rate;
    const clock = this.#environment.clock;
    if (this.#loop) {
      this.#schedule.take(clock.monotonic(), this.#startIteration);
      this.#schedule.setRate(plan.rate, clock.monotonic());
      this.#wake.abort();
      return;
    }
    this.#stopping = false;
    this.#loop = new AbortController();
    await this.#preAllocate(plan.preAllocatedUsers ?? 0);
    if (!this.#loop || this.#loop.signal.aborted) return;
    this.#schedule.begin(this.#askedRate, clock.monotonic());
    void this.#run(this.#loop.signal);
  }

  /** Stops scheduling and every user (honouring the stop timeout); resolves when they have left the pool. */
  async stop(): Promise<void> {
    this.#loop?.abort();
    this.#loop = undefined;
    this.#wake.abort();
    this.#stopping = true;
    const members = this.pool.members();
    if (members.length === 0) return;
    const timeoutMs = this.#environment.stopTimeout * 1000;
    for (const { user } of members) user.requestStop(timeoutMs <= 0);
    const busy = Promise.all(members.map((member) => member.busy));
    if (timeoutMs > 0 && !(await this.#settlesWithin(busy, timeoutMs))) {
      log.info(`Not all users finished their tasks & terminated in ${this.#environment.stopTimeout} seconds. Stopping them...`);
      for (const { user } of members) user.requestStop(true);
    }
    if (!(await this.#settlesWithin(busy, ABANDON_AFTER_MS))) {
      log.warning("Some arrival-rate iterations ignored the stop signal (a task awaiting something that cannot be aborted); leaving them behind.");
    }
    await this.pool.retireAll();
  }

  async #run(signal: AbortSignal): Promise<void> {
    const clock = this.#environment.clock;
    while (!signal.aborted) {
      const now = clock.monotonic();
      this.#schedule.take(now, this.#startIteration);
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
      await clock.sleep(Math.max(this.#schedule.nextDueMs() - clock.monotonic(), MIN_SLEEP_MS), this.#wake.signal);
    }
  }

  #begin(dueMs: number): void {
    const member = this.pool.acquire(this.#pickClass());
    const counts = this.#environment.stats.iterations;
    if (member === null) {
      if (counts.dropped++ === 0) {
        log.warning(`No free user to start an iteration: the pool is at --max-users (${this.pool.maxUsers}) and every user is busy. Dropped iterations are counted as dropped_iterations; raise --max-users or lower the rate.`);
      }
      return;
    }
    counts.started++;
    member.busy = this.#iterate(member, dueMs);
  }

  async #iterate(member: PoolMember, dueMs: number): Promise<void> {
    if (!member.ready && !(await this.pool.start(member))) return;
    const { user } = member;
    member.mark.latenessMs = Math.max(0, this.#environment.clock.monotonic() - dueMs);
    user.state = "running";
    // Inlined rather than an async helper: this runs once per iteration, and every async frame costs a promise.
    let outcome: IterationOutcome = "idle";
    try {
      const result = startIteration(user, member.tasks);
      if (result instanceof Promise) await result;
    } catch (err) {
      outcome = settleIteration(user, err);
    }
    member.busy = null;
    if (outcome === "retire" || this.#stopping) await this.pool.retire(member);
    else this.pool.release(member);
  }

  async #preAllocate(count: number): Promise<void> {
    const members: PoolMember[] = [];
    for (let i = 0; i < count && this.pool.size < this.pool.maxUsers; i++) {
      members.push(this.pool.create(this.#pickClass()));
    }
    const started = await Promise.all(members.map((member) => this.pool.start(member)));
    members.forEach((member, i) => started[i] && this.pool.release(member));
  }

  #selectClasses(names: readonly string[] | null): void {
    const classes = this.#environment.userClasses.filter((cls) => names === null || names.includes(cls.name));
    const runnable = classes.filter((cls) => this.#environment.taskTables.tasksOf(cls).entries.length > 0);
    if (runnable.length === 0) {
      throw new LocustError("No user class with tasks to run for --arrival-rate.", { code: "NO_TASKS" });
    }
    this.#classes = new Map(runnable.map((cls) => [cls.name, cls]));
    this.#only = runnable.length === 1 ? runnable[0] : undefined;
    this.#sequence = new WeightedSequence(runnable.map((cls) => ({ name: cls.name, weight: cls.weight > 0 ? cls.weight : 1 })));
  }

  #pickClass(): UserClass {
    return this.#only ?? this.#classes.get(this.#sequence!.next()!)!;
  }

  #settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
    const clock = this.#environment.clock;
    return settlesWithin(promise, ms, (wait, signal) => clock.sleep(wait, signal));
  }
}
