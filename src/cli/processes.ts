/**
 * `--processes N`: this process becomes the master (or, with `--worker`, only a supervisor) and starts N copies of
 * the same command line as workers on loopback. The children learn their role from one environment variable, so
 * argv, config files and LOCUST_* variables reach them unchanged.
 * @module
 */
import { availableParallelism } from "node:os";
import { createLogger } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";

const log = createLogger("locust.main");

/**
 * Set by the parent in each child's environment: the loopback port of the master to join, or `inherit` when the
 * parent is itself a `--worker` and the children join the master named by the options.
 */
export const CHILD_WORKER_ENV = "LOCUST_BUN_PROCESS_CHILD";
/** How long children get to finish after the master quit them, before SIGINT and later SIGKILL (Locust: 3 s). */
const CHILD_EXIT_GRACE_MS = 3000;

/** Whether this process is a worker started by `--processes`. */
export function isChildWorker(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env[CHILD_WORKER_ENV]);
}

/**
 * In a child worker: join the parent on loopback, and drop what only a master does (Locust clears run time,
 * autostart, CSV, HTML and periodic stats in its children).
 */
export function applyChildWorkerOptions(options: Options, env: Record<string, string | undefined> = process.env): void {
  const marker = env[CHILD_WORKER_ENV];
  if (!marker) return;
  const port = Number(marker);
  if (Number.isInteger(port) && port > 0) Object.assign(options, { masterHost: "127.0.0.1", masterPort: port });
  Object.assign(options, {
    worker: true,
    master: false,
    processes: undefined,
    headless: true,
    runTime: undefined,
    autostart: false,
    csvPrefix: undefined,
    htmlFile: undefined,
    printStats: false,
    json: false,
    jsonFile: undefined,
  });
}

/** Resolves `--processes` to a worker count (-1 is one per CPU); the option checks already refused other values. */
export function resolveProcessCount(options: Options): number | undefined {
  const count = options.processes;
  return count === -1 ? availableParallelism() : count;
}

/**
 * The arguments that start this program again after its executable: the script and the user's arguments under
 * `bun`; only the user's arguments in a built executable (whose argv[1] is its embedded entry, not an argument).
 */
function ownArguments(): string[] {
  return process.argv.slice(Bun.isStandaloneExecutable ? 2 : 1);
}

/** The worker processes of a `--processes` run. */
export class ChildWorkers {
  readonly #children: Bun.Subprocess[] = [];

  /** Starts `count` copies of this command, each told to join the master on loopback `port` (or `inherit`). */
  start(count: number, port: number | "inherit"): void {
    const command = [process.execPath, ...ownArguments()];
    // Whatever way this process ends, no worker outlives it.
    process.once("exit", () => this.killAll());
    for (let i = 0; i < count; i++) {
      const child = Bun.spawn(command, {
        env: { ...process.env, [CHILD_WORKER_ENV]: String(port) },
        stdin: "ignore",
        stdout: "inherit",
        stderr: "inherit",
      });
      this.#children.push(child);
      log.debug(`Started child worker with pid #${child.pid}`);
      void child.exited.then((code) => {
        if (code !== 0 && code !== null) log.error(`Worker process ${child.pid} exited with code ${code}`);
      });
    }
  }

  get pids(): number[] {
    return this.#children.map((child) => child.pid);
  }

  /** Resolves with the highest exit code once every child has exited. */
  async waitAll(): Promise<number> {
    const codes = await Promise.all(this.#children.map((child) => child.exited));
    return Math.max(0, ...codes.map((code) => code ?? 1));
  }

  /**
   * Gives the children time to exit after the master quit them, then interrupts and finally kills the rest, so
   * no worker outlives its master.
   */
  async stop(): Promise<void> {
    if (await this.#exitedWithin(CHILD_EXIT_GRACE_MS)) return;
    for (const child of this.#running()) child.kill("SIGINT");
    if (await this.#exitedWithin(CHILD_EXIT_GRACE_MS)) return;
    for (const child of this.#running()) child.kill("SIGKILL");
    await this.waitAll();
  }

  /** Kills every child at once (a forced exit). */
  killAll(): void {
    for (const child of this.#running()) child.kill("SIGKILL");
  }

  #running(): Bun.Subprocess[] {
    return this.#children.filter((child) => child.exitCode === null && child.signalCode === null);
  }

  async #exitedWithin(ms: number): Promise<boolean> {
    const timer = Bun.sleep(ms).then(() => false);
    return Promise.race([this.waitAll().then(() => true), timer]);
  }
}

/**
 * Watches the parent of a child worker: when it is gone (killed hard), the child quits instead of waiting out the
 * master-heartbeat timeout. Returns a function that stops watching.
 */
export function watchParent(onOrphaned: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      log.error("The master process is gone; stopping this worker.");
      onOrphaned();
    }
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}
