/**
 * LocalRunner: runs a test in this process — start, re-target, stop, quit. The ramp is planned by the dispatcher
 * and executed by the spawner.
 * @module
 * @see https://docs.locust.io/en/stable/use-as-lib.html
 */
import { selectDispatchableClasses, UsersDispatcher } from "../dispatch/index.ts";
import type { Environment } from "../environment.ts";
import { LocustError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { isActiveState } from "./runner-state.ts";
import { Runner } from "./runner.ts";
import { Spawner } from "./spawner.ts";
import { ArrivalDriver, type ArrivalPlan } from "./arrival/arrival-driver.ts";

const log = createLogger("locust.runners");

export type { RunnerMessage } from "./runner.ts";

/** Runs users in this process. Create it with `environment.createLocalRunner()`. */
export class LocalRunner extends Runner {
  readonly spawner: Spawner;
  /** Runs arrival-rate iterations (the open model) when {@link LocalRunner.startArrivalRate} is used. */
  readonly arrival: ArrivalDriver;
  #dispatcher: UsersDispatcher | undefined;
  #cycle: AbortController | undefined;
  #listening = false;

  constructor(environment: Environment) {
    super(environment);
    this.spawner = new Spawner(environment);
    this.arrival = new ArrivalDriver(environment);
  }

  get userCount(): number {
    return this.spawner.userCount + this.arrival.pool.size;
  }

  get userClassesCount(): Record<string, number> {
    return this.arrival.running ? this.arrival.pool.countsByClass() : this.spawner.countsByClass;
  }

  /**
   * Starts task iterations at `plan.rate` per second on a pool of users (or changes the rate of a running
   * arrival-rate test): the open model. See the README's "Open model" section.
   */
  async startArrivalRate(plan: ArrivalPlan): Promise<void> {
    if (!isActiveState(this.state)) this.#beginTest();
    // One model at a time: users of a closed-model ramp leave before iterations start.
    this.#cycle?.abort();
    if (this.spawner.userCount > 0) await this.spawner.stopAll();
    this.state = "running";
    log.info(`Starting iterations at ${plan.rate.toFixed(2)} per second (at most ${plan.maxUsers} users)`);
    try {
      await this.arrival.apply(plan);
    } catch (err) {
      this.fail(err, { setup: err instanceof LocustError, during: "Starting iterations" });
    }
  }

  async start(userCount: number, spawnRate: number, userClassNames?: readonly string[] | null): Promise<void> {
    if (!isActiveState(this.state)) this.#beginTest();
    if (spawnRate > 100) {
      log.warning("Your selected spawn rate is very high (>100), and this is known to sometimes cause issues. Do you really need to ramp up that fast?");
    }
    this.#cycle?.abort();
    if (this.arrival.running) await this.arrival.stop();
    const cycle = (this.#cycle = new AbortController());
    this.targetUserCount = userCount;
    this.spawnRate = spawnRate;
    this.state = "spawning";
    log.info(`Ramping to ${userCount} users at a rate of ${spawnRate.toFixed(2)} per second`);
    try {
      this.#dispatcher ??= new UsersDispatcher(selectDispatchableClasses(this.environment.userClasses));
      this.#dispatcher.newDispatch(userCount, spawnRate, userClassNames ?? null);
      await this.#runCycle(this.#dispatcher, cycle.signal);
    } catch (err) {
      // A LocustError here is a bad user class (no weight, an invalid wait time in a field); anything else is a
      // crash in a User constructor or in the engine.
      this.fail(err, { setup: err instanceof LocustError, during: "Spawning users" });
    }
  }

  protected async stopUsers(): Promise<void> {
    this.#cycle?.abort();
    this.#cycle = undefined;
    await Promise.all([this.spawner.stopAll(), this.arrival.stop()]);
    this.#dispatcher = undefined;
  }

  /** Sends a custom message; in a single process it goes straight to this runner's own handler. */
  sendMessage(type: string, data: unknown = null): void {
    if (!this.runMessageHandler({ type, data, nodeId: "local" })) log.warning(`Unknown message type received: ${type}`);
  }

  #beginTest(): void {
    if (!this.#listening) {
      this.#listening = true;
      this.environment.events.userError.addListener(({ exception, tb }) => this.exceptions.record(exception, tb));
    }
    this.beginTest();
  }

  async #runCycle(dispatcher: UsersDispatcher, signal: AbortSignal): Promise<void> {
    const clock = this.environment.clock;
    for (let step = dispatcher.next(); step; step = dispatcher.next()) {
      await this.spawner.apply(step.state.local ?? {});
      if (signal.aborted) return;
      if (step.delayMs > 0) await clock.sleep(step.delayMs, signal);
      if (signal.aborted) return;
    }
    this.state = "running";
    this.announceSpawningComplete();
  }
}
