/**
 * LocalRunner: runs a test in this process — start, re-target, stop, quit — and keeps the state and exceptions.
 * The ramp is planned by the dispatcher and executed by the spawner.
 * @module
 * @see https://docs.locust.io/en/stable/use-as-lib.html
 */
import { selectDispatchableClasses, UsersDispatcher } from "../dispatch/index.ts";
import type { Environment } from "../environment.ts";
import { LocustError, StopTest } from "../errors.ts";
import { createLogger, formatErrorLine, markUnhandledError } from "../log.ts";
import { isActiveState, type RunnerState } from "./runner-state.ts";
import { ExceptionsTable } from "./exceptions.ts";
import { Spawner } from "./spawner.ts";
import { UsageMonitor } from "./usage-monitor.ts";
import { HistoryRecorder } from "./history-recorder.ts";
import { ShapeDriver } from "../shape/shape-driver.ts";

const log = createLogger("locust.runners");

/** A custom message between runners (`registerMessage` / `sendMessage`). */
export interface RunnerMessage {
  type: string;
  data: unknown;
  nodeId: string;
}

type MessageHandler = (args: { environment: Environment; msg: RunnerMessage }) => unknown;

/** Runs users in this process. Create it with `environment.createLocalRunner()`. */
export class LocalRunner {
  readonly environment: Environment;
  /** Exceptions raised by tasks, grouped by stack trace. */
  readonly exceptions = new ExceptionsTable();
  readonly spawner: Spawner;
  readonly usageMonitor: UsageMonitor;
  readonly historyRecorder: HistoryRecorder;
  state: RunnerState = "ready";
  /** The user count the current (or last) ramp aims for. */
  targetUserCount = 0;
  spawnRate = 0;
  /** Called when a StopTest or another error ends the run early (see {@link fail}); the CLI quits or stops. */
  onStopTest: (error: unknown) => void = () => void this.stop();
  /** Set when the run was ended by a bad setup found while running (an invalid wait time…): exit code 1. */
  setupFailed = false;
  #failed = false;
  #dispatcher: UsersDispatcher | undefined;
  #shapeDriver: ShapeDriver | undefined;
  #cycle: AbortController | undefined;
  #listening = false;
  #quitResolve!: () => void;
  /** Resolves once `quit()` has finished. */
  readonly quitted: Promise<void>;
  readonly #handlers = new Map<string, MessageHandler>();

  constructor(environment: Environment) {
    this.environment = environment;
    this.spawner = new Spawner(environment);
    this.usageMonitor = new UsageMonitor(environment);
    this.historyRecorder = new HistoryRecorder(environment);
    this.quitted = new Promise((resolve) => (this.#quitResolve = resolve));
  }

  /** Users currently running. */
  get userCount(): number {
    return this.spawner.userCount;
  }

  /** Running users per class name. */
  get userClassesCount(): Record<string, number> {
    return this.spawner.countsByClass;
  }

  /**
   * Ramps to `userCount` users at `spawnRate` users/s, restricted to `userClassNames` when given. From a stopped
   * state this starts a new test (stats cleared, `testStart` fired); while running it re-targets the ramp.
   * Resolves when the ramp is complete (or replaced by a newer one).
   */
  async start(userCount: number, spawnRate: number, userClassNames?: readonly string[] | null): Promise<void> {
    if (!isActiveState(this.state)) await this.#beginTest();
    if (spawnRate > 100) {
      log.warning("Your selected spawn rate is very high (>100), and this is known to sometimes cause issues. Do you really need to ramp up that fast?");
    }
    this.#cycle?.abort();
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

  /**
   * Ends the run because of an error outside any task (spawning, the LoadTestShape, an invalid wait time): logs one
   * line and stops through {@link onStopTest}, as Locust does for StopTest. `setup` marks a bad setup (exit code 1);
   * anything else counts as an unhandled error (exit code 2 unless there were failures, Locust's rule). Only the
   * first failure of a test is reported: many users can hit the same bad setting at once.
   */
  fail(error: unknown, options: { setup: boolean; during?: string }): void {
    if (this.#failed) return;
    this.#failed = true;
    if (error instanceof StopTest) {
      log.error(error.message);
      log.warning("Stopping Locust...");
      return this.onStopTest(error);
    }
    if (options.setup) this.setupFailed = true;
    else markUnhandledError();
    const line = `${options.during ? `${options.during} failed: ` : ""}${formatErrorLine(error)}`;
    log.error(`${line}${/\.\)?$/.test(line) ? "" : "."} Stopping Locust...`);
    if (error instanceof Error) log.debug(error.stack ?? error.message);
    this.onStopTest(error);
  }

  /**
   * Lets the environment's LoadTestShape drive the run (ticks about once a second); `onShapeEnd` runs when the
   * shape returns null (the CLI quits when headless and stops with a web UI).
   */
  startShape(onShapeEnd: () => void = () => void this.stop()): void {
    this.#shapeDriver?.stop();
    this.#shapeDriver = new ShapeDriver(this.environment, this, onShapeEnd);
    this.#shapeDriver.start();
  }

  /** Stops every user (honouring the stop timeout); the runner can be started again afterwards. */
  async stop(): Promise<void> {
    if (this.state === "stopped" || this.state === "stopping" || this.state === "ready") return;
    const environment = this.environment;
    environment.events.testStopping.fire({ environment });
    this.historyRecorder.recordNow();
    this.state = "stopping";
    this.#cycle?.abort();
    this.#cycle = undefined;
    this.#shapeDriver?.stop();
    await this.spawner.stopAll();
    this.#dispatcher = undefined;
    this.state = "stopped";
    environment.events.testStop.fire({ environment });
  }

  /** Stops the test and ends the runner for good. */
  async quit(): Promise<void> {
    await this.stop();
    this.usageMonitor.stop();
    this.historyRecorder.stop();
    this.#quitResolve();
  }

  /** Registers a handler for custom messages of `type`. */
  registerMessage(type: string, handler: MessageHandler): void {
    this.#handlers.set(type, handler);
  }

  /** Sends a custom message; in a single process it goes straight to this runner's own handler. */
  sendMessage(type: string, data: unknown = null): void {
    const handler = this.#handlers.get(type);
    if (!handler) return log.warning(`Unknown message type received: ${type}`);
    handler({ environment: this.environment, msg: { type, data, nodeId: "local" } });
  }

  async #beginTest(): Promise<void> {
    const environment = this.environment;
    this.#listenOnce();
    environment.stats.clearAll();
    this.exceptions.clear();
    this.#failed = false;
    environment.shape?.resetTime();
    this.usageMonitor.start();
    this.historyRecorder.start();
    environment.events.testStart.fire({ environment });
  }

  #listenOnce(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.environment.events.userError.addListener(({ exception, tb }) => this.exceptions.record(exception, tb));
  }

  async #runCycle(dispatcher: UsersDispatcher, signal: AbortSignal): Promise<void> {
    const clock = this.environment.clock;
    for (let step = dispatcher.next(); step; step = dispatcher.next()) {
      await this.spawner.apply(step.state.local ?? {});
      if (signal.aborted) return;
      if (step.delayMs > 0) await clock.sleep(step.delayMs, signal);
      if (signal.aborted) return;
    }
    this.#completeSpawning();
  }

  #completeSpawning(): void {
    const environment = this.environment;
    this.state = "running";
    // Python's json.dumps spacing, as Locust logs it: {"Alpha": 1, "Zed": 3}.
    const counts = Object.entries(this.userClassesCount)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, count]) => `${JSON.stringify(name)}: ${count}`);
    log.info(`All users spawned: {${counts.join(", ")}} (${this.userCount} total users)`);
    this.historyRecorder.recordNow();
    environment.events.spawningComplete.fire({ userCount: this.userCount });
    if (environment.resetStats) {
      log.info("Resetting stats\n");
      environment.stats.resetAll();
    }
  }
}
