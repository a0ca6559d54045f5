/**
 * MasterRunner: directs workers over Locust's protocol. It runs no users itself: it paces the ramp with the
 * dispatcher, sends each worker its absolute class counts, merges the workers' stats reports, and tracks their
 * liveness. Message handling lives in master-messages.ts.
 * @module
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
import { selectDispatchableClasses, UsersDispatcher, type DispatchState } from "../../dispatch/index.ts";
import type { Environment } from "../../environment.ts";
import { LocustError } from "../../errors.ts";
import { createLogger } from "../../log.ts";
import { isActiveState } from "../runner-state.ts";
import { Ticker } from "../../ticker.ts";
import { Runner } from "../runner.ts";
import { encodeMessage, RouterSocket } from "../transport/index.ts";
import { handleWorkerMessage } from "./master-messages.ts";
import { checkWorkerLiveness } from "./worker-liveness.ts";
import { snakeCaseOptions } from "./parsed-options.ts";
import { DEFAULT_TIMINGS, type DistributedTimings } from "./protocol.ts";
import { WorkerNodes, type WorkerNode } from "./worker-nodes.ts";

const log = createLogger("locust.runners");
const POLL_MS = 20;

/** Settings of a {@link MasterRunner}. */
export interface MasterRunnerOptions {
  /** Interface to listen on; `*` means all. Default `*`. */
  bindHost?: string;
  /** Port to listen on (0 picks a free one). Default 5557. */
  bindPort?: number;
  /** Re-dispatch users when workers join or leave during a run (`--enable-rebalancing`). */
  enableRebalancing?: boolean;
  timings?: DistributedTimings;
}

/** Runs a distributed test's master. Create it with `environment.createMasterRunner()`, then `await listen()`. */
export class MasterRunner extends Runner {
  readonly workers = new WorkerNodes();
  /** Log lines each worker shipped (`logs` messages), for `/logs`. */
  readonly workerLogs = new Map<string, string[]>();
  readonly timings: DistributedTimings;
  readonly enableRebalancing: boolean;
  /** Called when the last worker quits; the CLI quits a headless run (Locust's behaviour) and stops one with a UI. */
  onLastWorkerQuit: () => void = () => void this.stop();
  /** True once a ramp has completed, until the next ramp starts. */
  spawningCompleted = false;
  /** A worker reported more than 90 % CPU at some point (Locust warns at the end). */
  workerCpuWarningEmitted = false;
  readonly #bindHost: string;
  readonly #bindPort: number;
  #router: RouterSocket | undefined;
  #dispatcher: UsersDispatcher | undefined;
  #cycle: AbortController | undefined;
  /** Aborted when the master quits: ends waits such as {@link MasterRunner.waitForWorkers}. */
  #ended: AbortController | undefined;
  #heartbeat: Ticker | undefined;
  #quitting = false;

  constructor(environment: Environment, options: MasterRunnerOptions = {}) {
    super(environment);
    this.#bindHost = options.bindHost ?? "*";
    this.#bindPort = options.bindPort ?? 5557;
    this.enableRebalancing = options.enableRebalancing ?? false;
    this.timings = options.timings ?? DEFAULT_TIMINGS;
  }

  /** The port workers connect to (known after {@link MasterRunner.listen}). */
  get port(): number {
    return this.#router?.port ?? this.#bindPort;
  }

  get userCount(): number {
    return this.workers.userCount;
  }

  get userClassesCount(): Record<string, number> {
    return this.workers.userClassesCount(this.environment.userClasses.map((cls) => cls.name));
  }

  /** True from the start of `quit()`: workers leaving then is the expected end, not a reason to stop. */
  get quitting(): boolean {
    return this.#quitting;
  }

  /** Whether the master port is bound (between `listen()` and the end of `quit()`). */
  get listening(): boolean {
    return this.#router !== undefined;
  }

  /** Workers that are ready, spawning or running. */
  get workerCount(): number {
    return this.workers.active().length;
  }

  /** Binds the master port and starts the heartbeat tick; throws a clear error when the port is taken. */
  async listen(): Promise<void> {
    if (this.#router) return;
    this.#router = await RouterSocket.listen({
      hostname: this.#bindHost === "*" ? "0.0.0.0" : this.#bindHost,
      port: this.#bindPort,
      onMessage: (identity, payload) => handleWorkerMessage(this, identity, payload),
      // While quitting, a worker whose connection closed has nothing more to send; otherwise liveness decides.
      onPeerClose: (identity) => void (this.#quitting && this.workers.delete(identity)),
      onProtocolError: (remote, reason) => log.error(`Unrecognized message detected: ${reason} (from ${remote})`),
    });
    this.#ended = new AbortController();
    this.#heartbeat = new Ticker(this.environment.clock, this.timings.heartbeatIntervalMs, () => checkWorkerLiveness(this));
    this.#heartbeat.start();
  }

  /**
   * Waits until `count` workers are ready; false when `maxWaitSeconds` (0 = forever) ran out first or the runner
   * quit. Logs Locust's "Waiting for workers to be ready" line every second after the first 5 s.
   */
  async waitForWorkers(count: number, maxWaitSeconds: number): Promise<boolean> {
    const clock = this.environment.clock;
    const started = clock.monotonic();
    let nextLog = started + 5000;
    while (this.workers.active().filter((node) => node.state === "ready").length < count) {
      const now = clock.monotonic();
      if (maxWaitSeconds > 0 && now - started > maxWaitSeconds * 1000) return false;
      if (!this.#ended || this.#ended.signal.aborted) return false;
      if (now >= nextLog) {
        log.info(`Waiting for workers to be ready, ${this.workerCount} of ${count} connected`);
        nextLog = now + 1000;
      }
      await clock.sleep(POLL_MS * 5, this.#ended.signal);
    }
    return true;
  }

  async start(userCount: number, spawnRate: number, userClassNames?: readonly string[] | null): Promise<void> {
    const active = this.workers.active();
    if (active.length === 0) {
      log.warning("You can't start a distributed test before at least one worker processes has connected");
      return;
    }
    this.spawningCompleted = false;
    this.targetUserCount = userCount;
    this.spawnRate = spawnRate;
    if (spawnRate / active.length > 100) {
      log.warning("Your selected spawn rate is very high (>100/worker), and this is known to sometimes cause issues. Do you really need to ramp up that fast?");
    }
    if (!isActiveState(this.state)) this.beginTest();
    this.state = "spawning";
    log.info(`Sending spawn jobs of ${userCount} users at ${spawnRate.toFixed(2)} spawn rate to ${active.length} ready workers`);
    this.#cycle?.abort();
    const cycle = (this.#cycle = new AbortController());
    try {
      const classes = selectDispatchableClasses(this.environment.userClasses);
      this.#dispatcher ??= new UsersDispatcher(classes, active.map((node) => node.id));
      this.#dispatcher.newDispatch(userCount, spawnRate, userClassNames ?? null);
      const target = await this.#runCycle(this.#dispatcher, cycle.signal);
      if (target === undefined || cycle.signal.aborted) return;
      await this.#waitForReports(target, cycle.signal);
    } catch (err) {
      this.fail(err, { setup: err instanceof LocustError, during: "Dispatching users" });
    }
  }

  /** Stops the test, sends `quit` to every worker and waits for their final reports before ending. */
  async quit(): Promise<void> {
    if (this.#quitting) return this.quitted;
    this.#quitting = true;
    await this.stop();
    for (const node of this.workers.all()) this.send("quit", null, node.id);
    // Locust waits a fixed 0.5 s; waiting for each worker's `quit` (sent after its final stats) loses nothing.
    const graceMs = this.environment.stopTimeout * 1000 + 10_000;
    await this.#waitUntil(() => this.workers.active().length === 0, graceMs);
    this.#ended?.abort();
    this.#heartbeat?.stop();
    await this.#router?.close();
    this.#router = undefined;
    this.finishQuit();
  }

  /** Sends a custom message to one worker, or to every worker when `clientId` is omitted. */
  sendMessage(type: string, data: unknown = null, clientId?: string): void {
    if (clientId !== undefined) return void this.send(type, data, clientId);
    for (const node of this.workers.all()) this.send(type, data, node.id);
  }

  /** Encodes and sends one message; false when the worker is not connected. */
  send(type: string, data: unknown, nodeId: string): boolean {
    return this.#router?.send(nodeId, encodeMessage(type, data, nodeId)) ?? false;
  }

  /** A worker joined or came back: it takes part in the next dispatch, and in this one when rebalancing is on. */
  workerJoined(node: WorkerNode): void {
    if (!this.#dispatcher) return;
    this.#dispatcher.addWorker(node.id);
    this.#rebalanceIfRunning();
  }

  /** A worker left (stopped, quit or went missing): its users are gone; rebalance them when asked to. */
  workerLeft(node: WorkerNode): void {
    if (!this.#dispatcher) return;
    this.#dispatcher.removeWorker(node.id);
    this.#rebalanceIfRunning();
  }

  #rebalanceIfRunning(): void {
    if (this.enableRebalancing && this.state === "running" && this.spawningCompleted && this.workerCount > 0) {
      void this.start(this.targetUserCount, this.spawnRate);
    }
  }

  async #runCycle(dispatcher: UsersDispatcher, signal: AbortSignal): Promise<DispatchState | undefined> {
    const clock = this.environment.clock;
    let last: DispatchState | undefined;
    for (let step = dispatcher.next(); step; step = dispatcher.next()) {
      last = step.state;
      for (const [workerId, counts] of Object.entries(step.state)) this.send("spawn", this.#spawnData(counts), workerId);
      if (step.delayMs > 0) await clock.sleep(step.delayMs, signal);
      if (signal.aborted) return undefined;
    }
    return last;
  }

  #spawnData(userClassesCount: Record<string, number>): Record<string, unknown> {
    const environment = this.environment;
    return {
      timestamp: environment.clock.now(),
      user_classes_count: userClassesCount,
      host: environment.host ?? null,
      stop_timeout: environment.stopTimeout,
      parsed_options: snakeCaseOptions(environment.parsedOptions),
    };
  }

  /** Waits (≤ 1 s by default) for the workers' reports to reach the target, then completes the ramp as Locust does. */
  async #waitForReports(target: DispatchState, signal: AbortSignal): Promise<void> {
    const targetCount = Object.values(target).reduce((sum, counts) => sum + sumCounts(counts), 0);
    const reached = await this.#waitUntil(() => this.userCount === targetCount, this.timings.waitForReportsAfterRampUpMs, signal);
    if (signal.aborted) return;
    this.state = "running";
    this.announceSpawningComplete(
      reached ? "All users spawned" : "Spawning is complete and report waittime is expired, but not all reports received from workers",
    );
    for (const node of this.workers.all()) {
      if (node.understandsMasterHeartbeats) this.send("spawning_complete", { user_count: targetCount }, node.id);
    }
    this.spawningCompleted = true;
  }

  /** Sends `stop` to every worker and waits until they report no users; when quitting, `quit` replaces it. */
  protected async stopUsers(): Promise<void> {
    this.#cycle?.abort();
    this.#cycle = undefined;
    this.#dispatcher = undefined;
    if (this.#quitting) return;
    for (const node of this.workers.all()) this.send("stop", null, node.id);
    const stopped = await this.#waitUntil(() => this.userCount === 0, (this.environment.stopTimeout + 60) * 1000);
    if (!stopped) log.error("Timeout waiting for all workers to stop");
  }


  /** Polls `condition` until it holds (true) or `timeoutMs` passes or `signal` aborts (false). */
  async #waitUntil(condition: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const clock = this.environment.clock;
    const deadline = clock.monotonic() + timeoutMs;
    while (!condition()) {
      if (clock.monotonic() >= deadline || signal?.aborted) return false;
      await clock.sleep(POLL_MS, signal);
    }
    return true;
  }
}

function sumCounts(counts: Record<string, number>): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count;
  return total;
}
