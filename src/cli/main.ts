/**
 * The CLI's flow from argv to exit code. Printing of fatal errors and exiting stay in `src/cli.ts`.
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocustError } from "../core/errors.ts";
import { configureLogging, createLogger } from "../core/log.ts";
import { formatHelp, peekOptions } from "../core/options/index.ts";
import { startDemoTarget, type DemoTarget } from "../demo/demo-target.ts";
import { formatTaskRatios, formatUserList } from "./inspect.ts";
import { createEnvironment, prepareRun } from "./prepare.ts";
import { runTest } from "./run-test.ts";
import packageJson from "../../package.json" with { type: "json" };

const log = createLogger("locust.main");

/** `locust-bun 0.1.0 from <install dir> (Bun 1.4.5)`, like Locust's `--version`. */
function formatVersion(): string {
  const installDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
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
    if (early.demo) demo = startDemoTarget();
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
    if (options.master || options.worker || options.processes !== undefined) {
      throw new LocustError("Distributed mode (--master, --worker, --processes) is not available in locust-bun yet.", {
        code: "DISTRIBUTED_NOT_AVAILABLE",
        hint: "Run a single process; it uses one core as efficiently as wrk",
      });
    }
    const environment = createEnvironment(prepared);
    if (options.showTaskRatio || options.showTaskRatioJson) {
      process.stdout.write(formatTaskRatios(environment, options.users, options.showTaskRatioJson));
      return 0;
    }
    log.info(`Starting locust-bun ${packageJson.version}`);
    // Loaded only when needed: a headless run never loads the web UI.
    const webUi = options.headless ? undefined : await (await import("../ui/server.ts")).startWebUi(environment, options, prepared.table.customFlags);
    try {
      environment.events.init.fire({ environment, runner: environment.runner, webUi: environment.webUi });
    } catch (err) {
      throw new LocustError(`An init event listener failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return await runTest(environment, options, webUi);
  } finally {
    await demo?.stop();
  }
}
