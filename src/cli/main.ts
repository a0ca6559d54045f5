/**
 * The CLI's flow from argv to exit code. Printing of fatal errors and exiting stay in `src/cli.ts`.
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Environment } from "../core/environment.ts";
import { LocustError } from "../core/errors.ts";
import { configureLogging, createLogger } from "../core/log.ts";
import { formatHelp, peekOptions, type ArgumentTable, type Options } from "../core/options/index.ts";
import type { MasterRunner } from "../core/runner/distributed/master-runner.ts";
import { timingsFromEnv } from "../core/runner/distributed/protocol.ts";
import { startDemoTarget, type DemoTarget } from "../demo/demo-target.ts";
import { formatTaskRatios, formatUserList } from "./inspect.ts";
import { createEnvironment, prepareRun } from "./prepare.ts";
import { ChildWorkers, isChildWorker, resolveProcessCount } from "./processes.ts";
import { runTest } from "./run-test.ts";
import { runWorker } from "./run-worker.ts";
import { fireInit } from "./fire-init.ts";
import packageJson from "../../package.json" with { type: "json" };

const log = createLogger("locust.main");

/** `locust-bun 0.1.0 from <install dir or built executable> (Bun 1.4.5)`, like Locust's `--version`. */
function formatVersion(): string {
  const installDir = Bun.isStandaloneExecutable ? process.execPath : resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  return `locust-bun ${packageJson.version} from ${installDir} (Bun ${Bun.version})\n`;
}

/** Runs the CLI with `argv` (arguments after the program name) and resolves with the exit code. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const early = peekOptions({ argv, cwd }).options;
  if (!early.skipLogSetup) configureLogging({ level: early.loglevel, file: early.logfile });
  if (early.version) {
    process.stdout.write(formatVersion());
    return 0;
  }
  let demo: DemoTarget | undefined;
  try {
    // A --processes child joins its parent's master, which already serves the demo target.
    if (early.demo && !isChildWorker()) demo = startDemoTarget();
    const prepared = await prepareRun(argv, cwd, demo?.url);
    if (prepared.options.help) {
      process.stdout.write(formatHelp(prepared.table));
      return 0;
    }
    if (prepared.options.list) {
      process.stdout.write(formatUserList(prepared.availableClasses));
      return 0;
    }
    const { options } = prepared;
    const processCount = resolveProcessCount(options);
    const environment = createEnvironment(prepared);
    if (options.showTaskRatio || options.showTaskRatioJson) {
      process.stdout.write(formatTaskRatios(environment, options.users, options.showTaskRatioJson));
      return 0;
    }
    log.info(`Starting locust-bun ${packageJson.version}`);
    if (processCount !== undefined && options.worker) return await superviseWorkers(processCount);
    if (options.worker) return await runWorker(environment, options);
    return await runCoordinator(environment, options, prepared.table, processCount);
  } finally {
    await demo?.stop();
  }
}

/** A local run, or a master (with `--processes`, also its worker processes): web UI, init, then the test. */
async function runCoordinator(environment: Environment, options: Options, table: ArgumentTable, processCount: number | undefined): Promise<number> {
  let children: ChildWorkers | undefined;
  environment.attachStats();
  if (options.master || processCount !== undefined) {
    // --processes listens on a free loopback port unless a bind port was given, so parallel runs never collide.
    const ownPort = processCount !== undefined && options.masterBindPort === 5557 && options.masterBindHost === "*";
    const master = environment.createMasterRunner({
      bindHost: ownPort ? "127.0.0.1" : options.masterBindHost,
      bindPort: ownPort ? 0 : options.masterBindPort,
      enableRebalancing: options.enableRebalancing,
      timings: timingsFromEnv(),
    });
    await listenAsMaster(master);
    if (processCount !== undefined) {
      children = new ChildWorkers();
      children.start(processCount, master.port);
      options.expectWorkers = processCount;
    }
  } else {
    environment.createLocalRunner();
  }
  try {
    // Loaded only when needed: a headless run never loads the web UI.
    const webUi = options.headless ? undefined : await (await import("../ui/server.ts")).startWebUi(environment, options, table.customFlags);
    fireInit(environment);
    return await runTest(environment, options, webUi, children);
  } catch (err) {
    children?.killAll();
    await environment.runner?.quit();
    throw err;
  }
}

/** Binds the master port, naming the flag to change when the port is taken. */
async function listenAsMaster(master: MasterRunner): Promise<void> {
  try {
    await master.listen();
  } catch (err) {
    if (!(err instanceof LocustError) || err.code !== "LISTEN_FAILED") throw err;
    throw new LocustError(`The master ${err.message}`, {
      code: "MASTER_LISTEN_FAILED",
      hint: "Pick another port with --master-bind-port, or stop the process using it",
      cause: err,
    });
  }
}

/** `--processes N --worker`: start N workers for the master the options name, and wait for them. */
async function superviseWorkers(count: number): Promise<number> {
  const children = new ChildWorkers();
  children.start(count, "inherit");
  let interrupted = false;
  // The children get Ctrl-C themselves (same process group); a second one kills them.
  process.on("SIGINT", () => {
    if (interrupted) children.killAll();
    interrupted = true;
  });
  process.on("SIGTERM", () => children.killAll());
  return children.waitAll();
}
