/**
 * Environment: the one object that ties a run together — user classes, events, stats, runner, web UI, options.
 * Wiring only; the work happens in the runner, stats and outputs.
 * @module
 */
import { realClock, type Clock } from "./clock.ts";
import { Events } from "./events/events.ts";
import { LocustError } from "./errors.ts";
import type { LoadTestShape } from "./shape/load-test-shape.ts";
import { attachStatsListener, RequestStats } from "./stats/index.ts";
import { TaskTables } from "./user/task-table.ts";
import type { UserClass } from "./user/user.ts";
import { LocalRunner } from "./runner/local-runner.ts";
import type { Runner } from "./runner/runner.ts";
import { MasterRunner, type MasterRunnerOptions } from "./runner/distributed/master-runner.ts";
import { WorkerRunner, type WorkerRunnerOptions } from "./runner/distributed/worker-runner.ts";

/** Settings of an {@link Environment}; everything is optional. */
export interface EnvironmentSettings {
  userClasses?: UserClass[];
  shape?: LoadTestShape;
  /** Defaults to a fresh Events object (the CLI passes the global `events`). */
  events?: Events;
  host?: string;
  tags?: string[];
  excludeTags?: string[];
  equalWeights?: boolean;
  resetStats?: boolean;
  /** Seconds a stopping user may finish its task before it is aborted. */
  stopTimeout?: number;
  /** When false, an exception in a task ends the user instead of being logged and counted. */
  catchExceptions?: boolean;
  clock?: Clock;
  /** The resolved command-line options, for locustfiles and plugins to read. */
  parsedOptions?: Record<string, unknown>;
  /** Threshold expressions (see {@link Environment.thresholds}). */
  thresholds?: string[];
}

/** A handler for a route added to the web UI; `params` holds the path's `:name` segments (and `*`). */
export type WebRouteHandler = (
  req: Request,
  context: { readonly url: URL; readonly params: Record<string, string> },
) => Response | Promise<Response>;

/**
 * What `environment.webUi` offers while a web UI runs (Locust's `web_ui.app.route`): locustfiles and plugins add
 * routes during the `init` event; they live under `--web-base-path` and are guarded by the UI's auth unless
 * `access: "public"` is asked for.
 * @example
 * ```ts
 * events.init.addListener(({ environment }) => {
 *   environment.webUi?.addRoute("/hello", () => new Response("hi"));
 * });
 * ```
 */
export interface WebUiExtension {
  readonly basePath: string;
  addRoute(
    path: string,
    handler: WebRouteHandler | Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", WebRouteHandler>>,
    options?: { access?: "public" | "page" | "api" },
  ): void;
  /** Checks the `--web-login` form's credentials (instead of `--web-auth`'s user:password). */
  setLoginCheck(check: (username: string, password: string) => boolean | Promise<boolean>): void;
}

/**
 * Holds everything one run needs. Create it, attach the stats listener, then `createLocalRunner()`.
 * @example
 * ```ts
 * const env = new Environment({ userClasses: [MyUser], host: "http://127.0.0.1:8080" });
 * env.attachStats();
 * const runner = env.createLocalRunner();
 * runner.start(10, 5);
 * ```
 * @see https://docs.locust.io/en/stable/use-as-lib.html
 */
export class Environment {
  readonly events: Events;
  readonly stats: RequestStats;
  readonly clock: Clock;
  userClasses: UserClass[];
  shape: LoadTestShape | undefined;
  host: string | undefined;
  resetStats: boolean;
  stopTimeout: number;
  catchExceptions: boolean;
  parsedOptions: Record<string, unknown>;
  /** The task lists with tag filters applied; replaced when tags change. */
  taskTables: TaskTables;
  runner: Runner | undefined;
  /** Set while a web UI runs. */
  webUi: WebUiExtension | undefined;
  /** Set by a locustfile (usually in a `quitting` listener) to force the process exit code. */
  processExitCode: number | undefined;
  /**
   * Pass/fail gates checked on the final stats, e.g. `"p95<300"`, `'"GET /items":p99<=500'`: `--threshold`
   * values, then a locustfile's exported `thresholds` array; an `init` listener may add or replace them.
   * @example
   * ```ts
   * events.init.addListener(({ environment }) => environment.thresholds.push("fail_ratio<0.01"));
   * ```
   */
  thresholds: string[];
  readonly #tags: { include: string[]; exclude: string[] };

  constructor(settings: EnvironmentSettings = {}) {
    this.events = settings.events ?? new Events();
    this.clock = settings.clock ?? realClock;
    this.stats = new RequestStats({ clock: this.clock });
    this.userClasses = settings.userClasses ?? [];
    this.shape = settings.shape;
    this.host = settings.host;
    this.resetStats = settings.resetStats ?? false;
    this.stopTimeout = settings.stopTimeout ?? 0;
    this.catchExceptions = settings.catchExceptions ?? true;
    this.parsedOptions = settings.parsedOptions ?? {};
    this.#tags = { include: settings.tags ?? [], exclude: settings.excludeTags ?? [] };
    this.taskTables = new TaskTables(this.#tags, settings.equalWeights ?? false);
    this.runner = undefined;
    this.webUi = undefined;
    this.processExitCode = undefined;
    this.thresholds = settings.thresholds ?? [];
  }

  /**
   * Starts recording every `request` event into `stats`; returns a function that stops it. Call it once per run,
   * before the load starts: creating a runner does not attach it, so a master that only merges its workers' reports
   * or a test of one piece can choose.
   */
  attachStats(): () => void {
    return attachStatsListener(this.events, this.stats, this.clock);
  }

  /** Creates the runner for a single process; the environment keeps it as `runner`. Stats need {@link Environment.attachStats}. */
  createLocalRunner(): LocalRunner {
    return this.#adopt(new LocalRunner(this));
  }

  /**
   * Creates a distributed test's master (it records the stats its workers report); call `await runner.listen()`
   * to bind its port.
   */
  createMasterRunner(options: MasterRunnerOptions = {}): MasterRunner {
    return this.#adopt(new MasterRunner(this, options));
  }

  /**
   * Creates a worker for a master (it records its own requests and reports them); call `await runner.connect()`.
   */
  createWorkerRunner(options: WorkerRunnerOptions = {}): WorkerRunner {
    return this.#adopt(new WorkerRunner(this, options));
  }

  #adopt<T extends Runner>(runner: T): T {
    if (this.runner) throw new LocustError("This environment already has a runner");
    if (this.shape) this.shape.runner = undefined;
    this.runner = runner;
    if (this.shape) this.shape.runner = runner;
    return runner;
  }

  /** The user class with this name, if it is one of `userClasses`. */
  userClassByName(name: string): UserClass | undefined {
    return this.userClasses.find((cls) => cls.name === name);
  }
}
