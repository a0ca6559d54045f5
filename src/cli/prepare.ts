/**
 * Everything between argv and a ready Environment: plugins, locustfiles, options, user classes, shape.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Environment } from "../core/environment.ts";
import { LocustError } from "../core/errors.ts";
import { events } from "../core/events/events.ts";
import { collectLocustfiles, selectUserClasses, type CollectedLocustfiles } from "../core/locustfile/collect.ts";
import { downloadUrlLocustfiles } from "../core/locustfile/download.ts";
import { embeddedLocustfiles } from "../core/locustfile/embedded.ts";
import { importLocustfiles, importLocustfileSources, resolveLocustfilePaths, type LocustfileSource } from "../core/locustfile/load.ts";
import { createArgumentTable, peekOptions, resolveOptions, type ArgumentTable, type Options } from "../core/options/index.ts";
import { staticFieldHint } from "../core/user/instance-field.ts";
import type { UserClass } from "../core/user/user.ts";
import { MISSING_HOST_MESSAGE } from "../protocols/http-shared/index.ts";
import { findUsersWithoutHost } from "../protocols/missing-host.ts";
import { demoLocustfilePath } from "../demo/demo-target.ts";
import { createLogger } from "../core/log.ts";
import { createSmokeUserClass } from "./smoke.ts";
import { applyUserConfigs } from "./config-users.ts";
import { selectDispatchableClasses } from "../core/dispatch/index.ts";
import { applyChildWorkerOptions } from "./processes.ts";
import { collectExportedThresholds } from "./thresholds.ts";
import { collectOptionThresholds } from "../core/thresholds/index.ts";

const log = createLogger("locust.main");

/** The outcome of preparing a run. */
export interface PreparedRun {
  options: Options;
  table: ArgumentTable;
  /** Every runnable class found (before positional selection), for `--list`. */
  availableClasses: UserClass[];
  userClasses: UserClass[];
  shapeClass: CollectedLocustfiles["shapeClass"];
  /** Whether -u, -r or -t were given by the user (a shape then ignores them, with a warning). */
  commonOptionsGiven: boolean;
  /** Threshold expressions: the options' (`--threshold`, `--check-*`), then the locustfiles' exported `thresholds`. */
  thresholds: string[];
}

/** A bare plugin name resolves from the project (cwd), not from wherever locust-bun itself is installed. */
function resolvePackage(name: string, cwd: string): string {
  try {
    return Bun.resolveSync(name, cwd);
  } catch {
    return name; // let the import report it
  }
}

async function importPlugins(specs: readonly string[], cwd: string): Promise<void> {
  for (const spec of specs.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean)) {
    const target = spec.startsWith(".") || isAbsolute(spec) ? pathToFileURL(resolve(cwd, spec)).href : resolvePackage(spec, cwd);
    try {
      await import(target);
    } catch (err) {
      const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
      throw new LocustError(`Could not load plugin '${spec}': ${detail}`, { code: "PLUGIN_IMPORT_FAILED", cause: err });
    }
  }
}

/**
 * Downloads URL locustfiles and imports the locustfiles; for `--help` a missing or broken one is skipped (it may
 * only add custom options).
 */
async function loadLocustfiles(spec: string, cwd: string, forHelp: boolean) {
  try {
    const embedded = embeddedLocustfiles();
    if (embedded) return await importLocustfileSources(embedded);
    return await importLocustfiles(resolveLocustfilePaths(await downloadUrlLocustfiles(spec), cwd));
  } catch (err) {
    if (forHelp) return [];
    throw err;
  }
}

/** Applies the defaults of the two modes that need no locustfile: `--demo` and smoke (`--url` / a URL argument). */
function applyModeDefaults(options: Options, sources: Record<string, string>): void {
  const unset = (key: string) => sources[key] === "default" || sources[key] === undefined;
  if (!options.demo && !options.url) return;
  // `--headful` keeps the web UI; the test then starts at once there (as --autostart) so there is something to see.
  if (options.headful) options.autostart = true;
  else if (unset("headless")) options.headless = true;
  if (options.demo) {
    if (unset("users")) options.users = 20;
    if (unset("spawnRate")) options.spawnRate = 10;
    if (unset("runTime")) options.runTime = 15;
    // The demo shop fails some requests on purpose to show the error report; that is not a failed demo.
    if (unset("exitCodeOnError")) options.exitCodeOnError = 0;
  } else {
    if (unset("users")) options.users = 10;
    if (unset("spawnRate")) options.spawnRate = options.users ?? 10;
    if (unset("runTime")) options.runTime = 5;
  }
}

/**
 * Options Locust 2.12 still takes with a caveat: `--hatch-rate` sets the spawn rate, with Locust's deprecation
 * line; one of `--tls-cert`/`--tls-key` alone leaves the web UI on plain HTTP (Locust says nothing; a warning here).
 */
function applyLegacyOptions(options: Options, sources: Record<string, string>): void {
  if (options.hatchRate) {
    process.stderr.write("[DEPRECATED] The --hatch-rate parameter has been renamed --spawn-rate\n");
    options.spawnRate = options.hatchRate;
    sources.spawnRate = sources.hatchRate!;
  }
  if (!options.headless && !options.worker && (options.tlsCert === "") !== (options.tlsKey === "")) {
    log.warning("--tls-cert and --tls-key are needed together for HTTPS; the web UI is served over plain HTTP");
  }
}

/** Reads options, loads plugins and locustfiles, and selects the user classes to run. */
export async function prepareRun(argv: readonly string[], cwd: string, demoHost?: string): Promise<PreparedRun> {
  const early = peekOptions({ argv, cwd }).options;
  const embedded = embeddedLocustfiles();
  if (embedded) assertNoLocustfileFlag(argv, embedded);
  await importPlugins(early.plugin, cwd);
  const smoke = !embedded && Boolean(early.url) && early.locustfile === "locustfile";
  // --demo runs the demo locustfile unless another one is named: `--demo -f examples/tasksets.ts`.
  const spec = early.demo && early.locustfile === "locustfile" ? demoLocustfilePath() : early.locustfile;
  const files = smoke ? [] : await loadLocustfiles(spec, cwd, early.help);
  const table = createArgumentTable();
  events.initCommandLineParser.fire({ parser: table });
  if (early.help) return { options: early, table, availableClasses: [], userClasses: [], shapeClass: undefined, commonOptionsGiven: false, thresholds: [] };
  const { options, userClassNames, sources } = resolveOptions({ argv, cwd, table });
  applyLegacyOptions(options, sources);
  const commonOptionsGiven = ["users", "spawnRate", "runTime"].some((key) => sources[key] !== "default" && sources[key] !== undefined);
  applyModeDefaults(options, sources);
  applyChildWorkerOptions(options);
  if (embedded) options.locustfile = embedded.map((file) => file.path).join(",");
  if (early.demo && demoHost && !options.host) options.host = demoHost;
  const collected = smoke
    ? { userClasses: [await createSmokeUserClass(options.url!)], shapeClass: undefined }
    : collectLocustfiles(files);
  const userClasses = options.list ? [] : selectUserClasses(collected.userClasses, userClassNames);
  // A worker's host comes from its master's spawn message; the web UI's form asks for it before a test starts.
  const startsWithoutForm = options.headless || options.autostart;
  if (startsWithoutForm && !options.showTaskRatio && !options.showTaskRatioJson && !options.worker) assertHttpHosts(userClasses, options.host);
  const thresholds = [...collectOptionThresholds(options), ...collectExportedThresholds(files)];
  return { options, table, availableClasses: collected.userClasses, userClasses, shapeClass: collected.shapeClass, commonOptionsGiven, thresholds };
}

/** A built executable runs the locustfiles compiled into it; `-f` cannot pick others (config files and LOCUST_LOCUSTFILE are ignored). */
function assertNoLocustfileFlag(argv: readonly string[], embedded: readonly LocustfileSource[]): void {
  if (!argv.some((arg) => /^(-f|--locustfile)(=|$)/.test(arg) || /^-f./.test(arg))) return;
  throw new LocustError(`This executable runs the locustfile built into it (${embedded.map((file) => file.path).join(", ")}); -f/--locustfile is not available`, {
    code: "LOCUSTFILE_EMBEDDED",
    hint: "Build another executable with: locust-bun build -f <locustfile> -o <name>",
  });
}

/** HTTP users need a base host before they start (Locust stops the run with this message). */
function assertHttpHosts(userClasses: readonly UserClass[], host: string | undefined): void {
  const missing = findUsersWithoutHost(userClasses, host);
  if (missing.length === 0) return;
  const hint = missing.map((cls) => staticFieldHint(cls, "host")).find((text) => text !== undefined);
  throw new LocustError(MISSING_HOST_MESSAGE, { code: "MISSING_HOST", hint });
}

/** Builds the environment (global events, so locustfile listeners apply); the caller creates its runner. */
export function createEnvironment(prepared: PreparedRun): Environment {
  const { options } = prepared;
  const environment = new Environment({
    events,
    userClasses: prepared.userClasses,
    host: options.host,
    tags: options.tags ?? [],
    excludeTags: options.excludeTags ?? [],
    equalWeights: options.equalWeights,
    resetStats: options.resetStats,
    stopTimeout: options.stopTimeout,
    parsedOptions: { ...options, ...options.extra },
    thresholds: prepared.thresholds,
  });
  // Before --equal-weights, which then overrides a configured weight, as in Locust.
  if (options.configUsers) applyUserConfigs(prepared.availableClasses, options.configUsers);
  if (options.equalWeights) for (const cls of environment.userClasses) Object.defineProperty(cls, "weight", { value: 1 });
  // Locust refuses this when it builds the Environment, before anything starts.
  if (environment.userClasses.length > 0) selectDispatchableClasses(environment.userClasses);
  if (prepared.shapeClass) {
    environment.shape = new prepared.shapeClass();
    if (prepared.commonOptionsGiven && !environment.shape.useCommonOptions) {
      log.warning("The -u, -r and -t options are ignored when a LoadTestShape is used (set useCommonOptions = true to read them)");
    }
  }
  return environment;
}
