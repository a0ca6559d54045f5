import type { LogLevel } from "../log.ts";
import { FLAGS, type OptionValue } from "./flags.ts";

/**
 * Every option after defaults, config files, `LOCUST_*` variables and flags are merged. Durations are seconds.
 * Values Locust leaves unset (`None`) are `undefined` here; headless runs default `users` and `spawnRate` to 1 in
 * the runner, not here, so "not given" stays visible.
 * @see https://docs.locust.io/en/stable/configuration.html
 */
export interface Options {
  help: boolean;
  /** As given: comma-separated files or a directory; the locustfile loader resolves it. */
  locustfile: string;
  config: string | undefined;
  host: string | undefined;
  users: number | undefined;
  spawnRate: number | undefined;
  /** Iterations per second of an open-model run (`--arrival-rate`). */
  arrivalRate: number | undefined;
  /** Pool ceiling of an arrival-rate run. */
  maxUsers: number | undefined;
  /** Users started before the first arrival-rate iteration. */
  preAllocatedUsers: number | undefined;
  /** Seconds. */
  runTime: number | undefined;
  list: boolean;
  /** Parsed `--config-users` objects, each with a `user_class_name`. */
  configUsers: Record<string, unknown>[] | undefined;
  demo: boolean;
  /** Smoke-mode URL (`--url` or a positional URL). */
  url: string | undefined;
  /** Plugin modules to import before the locustfile. */
  plugin: string[];

  webHost: string;
  webHostDisplayName: string | undefined;
  webPort: number;
  headless: boolean;
  autostart: boolean;
  /** Seconds after the run ends; -1 = never. */
  autoquit: number;
  headful: boolean;
  /** `username:password` for HTTP basic auth on the web UI. */
  webAuth: string | undefined;
  webLogin: boolean;
  tlsCert: string;
  tlsKey: string;
  classPicker: boolean;
  buildPath: string;
  webBasePath: string;

  master: boolean;
  masterBindHost: string;
  masterBindPort: number;
  expectWorkers: number;
  /** Seconds; 0 = wait forever. */
  expectWorkersMaxWait: number;
  enableRebalancing: boolean;

  worker: boolean;
  /** Worker processes to fork; -1 = one per CPU (resolved by the CLI). */
  processes: number | undefined;
  masterHost: string;
  masterPort: number;

  /** `undefined` = no tag filter; `[]` (a bare `-T`) = include no tagged task, as in Locust. */
  tags: string[] | undefined;
  excludeTags: string[] | undefined;

  csvPrefix: string | undefined;
  csvFullHistory: boolean;
  printStats: boolean;
  onlySummary: boolean;
  resetStats: boolean;
  htmlFile: string | undefined;
  json: boolean;
  jsonFile: string | undefined;

  /** Threshold expressions (`--threshold`), parsed and checked by core/thresholds. */
  threshold: string[];
  thresholdAbort: boolean;
  /** Seconds. */
  thresholdGrace: number;
  exitCodeOnThreshold: number;
  junitFile: string | undefined;
  checkRps: number | undefined;
  checkFailRatio: number | undefined;
  checkAvgResponseTime: number | undefined;

  skipLogSetup: boolean;
  loglevel: LogLevel;
  logfile: string | undefined;

  showTaskRatio: boolean;
  showTaskRatioJson: boolean;
  version: boolean;
  exitCodeOnError: number;
  /** Seconds. */
  stopTimeout: number;
  equalWeights: boolean;
  profile: string | undefined;
  otel: boolean;
  /** Locust's old name of `spawnRate`: given, it replaces it with a deprecation warning. */
  hatchRate: number | undefined;

  /** Options added by plugins and locustfiles through `events.initCommandLineParser`, by camelCase key. */
  extra: Record<string, OptionValue>;
}

/** A fresh {@link Options} holding every built-in default (lists are new arrays each call). */
export function defaultOptions(): Options {
  const options: Record<string, unknown> = {};
  for (const flag of FLAGS) {
    if (flag.removed) continue;
    options[flag.key] = Array.isArray(flag.default) ? [...flag.default] : flag.default;
  }
  options.extra = {};
  return options as unknown as Options;
}
