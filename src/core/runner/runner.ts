/**
 * Runner: what every runner shares — state, the exceptions table, usage and chart-history sampling, the shape
 * driver, custom messages and the quit promise. LocalRunner runs users here; MasterRunner directs workers;
 * WorkerRunner runs users for a master.
 * @module
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
import type { Environment } from "../environment.ts";
import { createLogger, formatErrorLine, markUnhandledError } from "../log.ts";
import { ShapeDriver } from "../shape/shape-driver.ts";
import { StopTest } from "../errors.ts";
import { ExceptionsTable } from "./exceptions.ts";
import { HistoryRecorder } from "./history-recorder.ts";
import type { RunnerState } from "./runner-state.ts";
import { UsageMonitor } from "./usage-monitor.ts";

const log = createLogger("locust.runners");

/** A custom message between runners (`registerMessage` / `sendMessage`). */
export interface RunnerMessage {
  type: string;
  data: unknown;
  nodeId: string;
}

/** Handles a custom message; gets the environment and the message. */
export type MessageHandler = (args: { environment: Environment; msg: RunnerMessage }) => unknown;

/** The part of every runner that the CLI, the web UI, shapes and outputs talk to. */
export abstract class Runner {
  readonly environment: Environment;
  /** Exceptions raised by tasks, grouped by stack trace (a master's include its workers'). */
  readonly exceptions = new ExceptionsTable();
  readonly usageMonitor: UsageMonitor;
  readonly historyRecorder: HistoryRecorder;
  state: RunnerState = "ready";
  /** The user count the current (or last) ramp aims for. */
  targetUserCount = 0;
  spawnRate = 0;
  /** Called when a StopTest or another error ends the run early (see {@link Runner.fail}); the CLI quits or stops. */
  onStopTest: (error: unknown) => void = () => void this.stop();
  /** Set when the run was ended by a bad setup found while running (an invalid wait time…): exit code 1. */
  setupFailed = false;
  #failed = false;
  /** Resolves once `quit()` has finished. */
  readonly quitted: Promise<void>;
  protected readonly messageHandlers = new Map<string, MessageHandler>();
  #quitResolve!: () => void;
  #shapeDriver: ShapeDriver | undefined;

  constructor(environment: Environment) {
    this.environment = environment;
    this.usageMonitor = new UsageMonitor(environment);
    this.historyRecorder = new HistoryRecorder(environment);
    this.quitted = new Promise((resolve) => (this.#quitResolve = resolve));
  }

  /** Users currently running (on a master: the sum its workers reported). */
  abstract get userCount(): number;

  /** Running users per class name. */
  abstract get userClassesCount(): Record<string, number>;

  /**
   * Ramps to `userCount` users at `spawnRate` users/s, restricted to `userClassNames` when given. From a stopped
   * state this starts a new test; while running it re-targets the ramp. Resolves when the ramp is complete.
   */
  abstract start(userCount: number, spawnRate: number, userClassNames?: readonly string[] | null): Promise<void>;

  /**
   * Stops the test: `testStopping`, a last chart point, the shape stopped, the users stopped ({@link stopUsers}),
   * then `testStop`. Does nothing when no test runs; the runner can be started again afterwards.
   */
  async stop(): Promise<void> {
    if (this.state === "stopped" || this.state === "stopping" || this.state === "ready") return;
    const environment = this.environment;
    environment.events.testStopping.fire({ environment });
    this.historyRecorder.recordNow();
    this.state = "stopping";
    this.stopShape();
    await this.stopUsers();
    this.state = "stopped";
    environment.events.testStop.fire({ environment });
  }

  /** Stops this runner's users (or has its workers stop theirs), honouring the stop timeout. */
  protected abstract stopUsers(): Promise<void>;

  /** Sends a custom message (see the subclasses for where it goes). */
  abstract sendMessage(type: string, data?: unknown, clientId?: string): void;

  /** Stops the test and ends the runner for good. */
  async quit(): Promise<void> {
    await this.stop();
    this.finishQuit();
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

  /** Registers a handler for custom messages of `type`. */
  registerMessage(type: string, handler: MessageHandler): void {
    this.messageHandlers.set(type, handler);
  }

  /** Stops the samplers and resolves {@link Runner.quitted}; the last step of every `quit()`. */
  protected finishQuit(): void {
    this.stopShape();
    this.usageMonitor.stop();
    this.historyRecorder.stop();
    this.#quitResolve();
  }

  protected stopShape(): void {
    this.#shapeDriver?.stop();
    this.#shapeDriver = undefined;
  }

  /** Runs the registered handler of a custom message; false when none is registered for its type. */
  runMessageHandler(msg: RunnerMessage): boolean {
    const handler = this.messageHandlers.get(msg.type);
    if (!handler) return false;
    try {
      const result = handler({ environment: this.environment, msg });
      if (result instanceof Promise) result.catch((err) => logHandlerError(msg.type, err));
    } catch (err) {
      logHandlerError(msg.type, err);
    }
    return true;
  }

  /** Clears what a new test starts without, and fires `testStart` (a master and each worker both do this). */
  protected beginTest(): void {
    const environment = this.environment;
    environment.stats.clearAll();
    this.exceptions.clear();
    this.#failed = false;
    environment.shape?.resetTime();
    this.usageMonitor.start();
    this.historyRecorder.start();
    environment.events.testStart.fire({ environment });
  }

  /** Logs Locust's "All users spawned" line, records a chart point and fires `spawningComplete`. */
  protected announceSpawningComplete(prefix = "All users spawned"): void {
    const environment = this.environment;
    log.info(`${prefix}: ${formatClassCounts(this.userClassesCount)} (${this.userCount} total users)`);
    this.historyRecorder.recordNow();
    environment.events.spawningComplete.fire({ userCount: this.userCount });
    if (environment.resetStats) {
      log.info("Resetting stats\n");
      environment.stats.resetAll();
    }
  }
}

/** Python's json.dumps spacing of sorted class counts, as Locust logs them: {"Alpha": 1, "Zed": 3}. */
function formatClassCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, count]) => `${JSON.stringify(name)}: ${count}`);
  return `{${parts.join(", ")}}`;
}

function logHandlerError(type: string, err: unknown): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log.error(`Uncaught exception in handler for ${type}\n${text}`);
}
