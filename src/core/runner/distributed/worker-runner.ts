/**
 * WorkerRunner: runs users for a master (a locust-bun one or Locust's own). It connects with `client_ready`, runs
 * exactly the class counts each `spawn` asks for (the master paces the ramp), and sends heartbeats every second,
 * its stats delta every 3 s, user exceptions as they happen and its log lines every 10 s.
 * @module
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
import type { Environment } from "../../environment.ts";
import { LocustError } from "../../errors.ts";
import { EXIT_FATAL } from "../../exit-codes.ts";
import { createLogger, recentLogLines } from "../../log.ts";
import { encodeWorkerReport } from "../../stats/index.ts";
import { Runner } from "../runner.ts";
import { Spawner } from "../spawner.ts";
import { Ticker } from "../../ticker.ts";
import { DealerSocket, encodeMessage, type DealerState } from "../transport/index.ts";
import { createNodeId, DEFAULT_TIMINGS, LOCUST_PROTOCOL_VERSION, type DistributedTimings } from "./protocol.ts";
import { handleMasterMessage } from "./worker-messages.ts";

const log = createLogger("locust.runners");
/** Locust stops shipping logs from a worker that produced more than this many lines in one interval. */
const MAX_LOG_LINES_PER_INTERVAL = 70;

/** Settings of a {@link WorkerRunner}. */
export interface WorkerRunnerOptions {
  masterHost?: string;
  masterPort?: number;
  /** Defaults to Locust's `<hostname>_<hex>`. */
  nodeId?: string;
  timings?: DistributedTimings;
}

/** Runs a distributed test's users. Create it with `environment.createWorkerRunner()`, then `await connect()`. */
export class WorkerRunner extends Runner {
  readonly nodeId: string;
  readonly spawner: Spawner;
  readonly timings: DistributedTimings;
  readonly masterHost: string;
  readonly masterPort: number;
  /** The index the master gave this worker (`ack`), -1 before. */
  workerIndex = -1;
  /** The state the heartbeats report: ready, spawning or running. */
  workerState: "ready" | "spawning" | "running" = "ready";
  /** Epoch seconds of the master's last heartbeat. */
  lastMasterHeartbeat: number | undefined;
  /** Timestamp of the newest `spawn` applied; older ones are discarded. */
  lastSpawnTimestamp = 0;
  /** The pending spawn/stop work, run one after another. */
  work: Promise<void> = Promise.resolve();
  /** User classes the master asked for that this worker lacks, reported once each. */
  readonly reportedMissingClasses = new Set<string>();
  #socket: DealerSocket | undefined;
  #acked: (() => void) | undefined;
  #loops: Ticker[] = [];
  #quitting = false;
  /** Epoch seconds at which the connection to the master dropped; undefined while connected. */
  #disconnectedSince: number | undefined;
  /** The newest log line shipped, to find the lines logged since. */
  #lastLogLine: string | undefined;
  #logsDisabled = false;
  /** Whether reports carry Locust's rounded response_times too (a Locust master reads only those). */
  #roundedResponseTimes = true;

  constructor(environment: Environment, options: WorkerRunnerOptions = {}) {
    super(environment);
    this.nodeId = options.nodeId ?? createNodeId();
    this.spawner = new Spawner(environment);
    this.timings = options.timings ?? DEFAULT_TIMINGS;
    this.masterHost = options.masterHost ?? "127.0.0.1";
    this.masterPort = options.masterPort ?? 5557;
  }

  get userCount(): number {
    return this.spawner.userCount;
  }

  get userClassesCount(): Record<string, number> {
    return this.spawner.countsByClass;
  }

  /**
   * Connects and announces this worker until the master acks (Locust: `client_ready` every 5 s, 60 times), then
   * starts the heartbeat, report and log loops. Throws a one-line error when no master answered.
   */
  async connect(): Promise<void> {
    const where = `${this.masterHost}:${this.masterPort}`;
    this.#openSocket();
    this.environment.events.userError.addListener(({ exception, tb }) => {
      this.send("exception", { msg: exception instanceof Error ? exception.message : String(exception), traceback: tb });
    });
    for (let attempt = 1; ; attempt++) {
      const acked = new Promise<boolean>((resolve) => (this.#acked = () => resolve(true)));
      // While the master is unreachable the first announcement waits in the socket's queue; more would pile up.
      if (attempt === 1 || this.#socket?.state === "connected") this.send("client_ready", LOCUST_PROTOCOL_VERSION);
      const timeout = this.environment.clock.sleep(this.timings.connectTimeoutMs).then(() => false);
      if (await Promise.race([acked, timeout])) break;
      const line = `Failed to connect to master ${where}, retry ${attempt}/${this.timings.connectRetryCount}.`;
      if (attempt * this.timings.connectTimeoutMs < 30_000) log.debug(line);
      else log.info(line);
      if (attempt >= this.timings.connectRetryCount) {
        await this.#socket?.close();
        throw new LocustError(`Failed to connect to the Locust master at ${where}: no answer after ${attempt} attempts.`, {
          code: "MASTER_UNREACHABLE",
          hint: "Start the master first, or check --master-host and --master-port",
          exitCode: EXIT_FATAL,
        });
      }
    }
    this.usageMonitor.start();
    this.#loops = [
      this.#every(this.timings.heartbeatIntervalMs, () => this.#sendHeartbeat()),
      this.#every(this.timings.reportIntervalMs, () => this.sendStats(), 0),
      ...(this.timings.logReportIntervalMs >= 0 ? [this.#every(this.timings.logReportIntervalMs, () => this.#sendLogs())] : []),
    ];
    for (const loop of this.#loops) loop.start();
  }

  /** The master's `ack` arrived; a locust-bun master also says it reads the exact histograms alone. */
  acknowledged(index: number, masterReadsExactHistograms: boolean): void {
    this.workerIndex = index;
    this.#roundedResponseTimes = !masterReadsExactHistograms;
    this.#acked?.();
    this.#acked = undefined;
  }

  /** The first `spawn` of a test: clear the stats and fire `testStart`, as on the master. */
  beginWorkerTest(): void {
    this.beginTest();
  }

  /** A worker is started by its master's `spawn` messages, never directly. */
  async start(): Promise<void> {
    throw new LocustError("A worker's users are started by its master", { code: "WORKER_START" });
  }

  protected async stopUsers(): Promise<void> {
    await this.spawner.stopAll();
  }

  /** Stops the users, sends the final stats and `quit`, and closes the connection (after flushing it). */
  async quit(): Promise<void> {
    if (this.#quitting) return this.quitted;
    this.#quitting = true;
    await this.work.catch(() => {});
    await this.stop();
    for (const loop of this.#loops) loop.stop();
    if (this.workerIndex >= 0) {
      this.sendStats();
      this.send("quit", null);
    }
    await this.#socket?.close();
    this.finishQuit();
  }

  /** Sends a message to the master (Locust's `send_message`); queued while reconnecting. */
  sendMessage(type: string, data: unknown = null): void {
    this.send(type, data);
  }

  send(type: string, data: unknown): void {
    this.#socket?.send(encodeMessage(type, data, this.nodeId));
  }

  /** Sends the stats delta since the last report (Locust's `stats` message). */
  sendStats(): void {
    const report = encodeWorkerReport(this.environment.stats, undefined, { roundedResponseTimes: this.#roundedResponseTimes });
    const data: Record<string, unknown> = { ...report };
    data.user_classes_count = this.userClassesCount;
    data.user_count = this.userCount;
    this.environment.events.reportToMaster.fire({ clientId: this.nodeId, data });
    this.send("stats", data);
  }

  /** Closes and reopens the connection (the master's `reconnect`). */
  async reconnect(): Promise<void> {
    log.warning("Received reconnect message from master. Resetting RPC connection.");
    await this.#socket?.close();
    this.#openSocket();
    this.send("client_ready", LOCUST_PROTOCOL_VERSION);
  }

  #openSocket(): void {
    const socket = new DealerSocket({
      host: this.masterHost,
      port: this.masterPort,
      identity: this.nodeId,
      // connect() counts the attempts (as Locust counts its client_ready retries); the socket keeps dialling.
      connectAttempts: Number.POSITIVE_INFINITY,
      onMessage: (payload) => handleMasterMessage(this, payload),
      onStateChange: (state, reason) => this.#connectionChanged(state, reason),
    });
    this.#socket = socket;
    socket.connect().catch(() => {});
  }

  /**
   * After a drop, says so once and announces itself again on reconnect, so a restarted master (which does not
   * know this worker) registers it instead of ignoring its heartbeats.
   */
  #connectionChanged(state: DealerState, reason: string | undefined): void {
    if (this.workerIndex < 0 || this.#quitting) return;
    if (state === "disconnected" && this.#disconnectedSince === undefined) {
      this.#disconnectedSince = this.environment.clock.now();
      log.warning(`Lost the connection to the master at ${this.masterHost}:${this.masterPort} (${reason ?? "closed"}); reconnecting`);
    } else if (state === "connected" && this.#disconnectedSince !== undefined) {
      this.#disconnectedSince = undefined;
      log.info("Reconnected to the master");
      this.send("client_ready", LOCUST_PROTOCOL_VERSION);
    }
  }

  #sendHeartbeat(): void {
    const timeout = this.timings.masterHeartbeatTimeoutMs;
    // Locust only times out after one master heartbeat; a master lost before its first (or one too old to send
    // any) would leave the worker waiting forever, so silence then counts from the dropped connection.
    const last = this.lastMasterHeartbeat ?? this.#disconnectedSince;
    if (last !== undefined && this.environment.clock.now() - last > timeout / 1000) {
      log.error(`Didn't get heartbeat from master in over ${Math.round(timeout / 1000)}s`);
      void this.quit();
      return;
    }
    this.send("heartbeat", {
      state: this.workerState,
      current_cpu_usage: this.usageMonitor.cpuUsage,
      current_memory_usage: process.memoryUsage.rss(),
    });
  }

  #sendLogs(): void {
    const lines = recentLogLines();
    if (this.#logsDisabled || lines.length === 0 || lines.at(-1) === this.#lastLogLine) return;
    const fresh = lines.length - 1 - (this.#lastLogLine === undefined ? -1 : lines.lastIndexOf(this.#lastLogLine));
    this.#lastLogLine = lines.at(-1);
    if (fresh > MAX_LOG_LINES_PER_INTERVAL) {
      log.warning("The worker attempted to send more than 70 log lines in one interval. Further log sending was disabled for this worker.");
      this.#logsDisabled = true;
    }
    this.send("logs", { worker_id: this.nodeId, logs: [...lines] });
  }

  /** A ticker whose failing tick is logged and the loop goes on (a lost heartbeat must not end the worker). */
  #every(intervalMs: number, work: () => void, firstTickAfterMs = intervalMs): Ticker {
    return new Ticker(this.environment.clock, intervalMs, () => {
      try {
        work();
      } catch (err) {
        log.error(`Worker loop failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, { firstTickAfterMs });
  }
}
