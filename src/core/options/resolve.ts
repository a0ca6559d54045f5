/**
 * Merges every option source into one typed {@link Options}. Precedence, lowest first: defaults < `~/.locust.conf`
 * < `./locust.conf` < `./pyproject.toml` [tool.locust] < `./package.json` "locust" < `--config` file
 * < `LOCUST_*` environment variables < command line. Only the winning value of each option is parsed, as in Locust.
 * @see https://docs.locust.io/en/stable/configuration.html
 * @module
 */
import { homedir } from "node:os";
import { ArgumentTable } from "./argument-table.ts";
import { coerceFlagValue } from "./coerce-flag-value.ts";
import { type ConfigLayer, loadConfigFiles } from "./config-files.ts";
import type { FlagSpec, OptionValue } from "./flags.ts";
import { OptionError, type OptionProblem } from "./option-error.ts";
import { defaultOptions, type Options } from "./options.ts";
import { parseArgv } from "./parse-argv.ts";
import { validateOptions } from "./validate-options.ts";
import { parseHost } from "./values.ts";

export { defaultOptions, type Options } from "./options.ts";

/** What {@link resolveOptions} reads. Everything but argv defaults to the real process. */
export interface ResolveInput {
  /** Arguments after the program name. */
  argv: readonly string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  home?: string;
  /** The table after `initCommandLineParser` listeners added their options; built-ins only when omitted. */
  table?: ArgumentTable;
}

/** The merged options, the positional user class names, and where each option's value came from. */
export interface ResolvedOptions {
  options: Options;
  /** Positional class names (or `LOCUST_USER_CLASSES`, space separated, when none are given). */
  userClassNames: string[];
  /** Option key → `"default"`, `"command line"`, the env var name, or the config file (`./locust.conf`). */
  sources: Record<string, string>;
}

const URL_ARGUMENT = /^[a-z][a-z0-9+.-]*:\/\//i;

interface Layer {
  source: string;
  values: Map<string, { flag: FlagSpec; raw: unknown }>;
  label: (flag: FlagSpec) => string;
}

/**
 * Resolves argv, env and config files into typed options. Throws one {@link OptionError} listing every problem
 * (unknown flags with "Did you mean", bad values, removed flags, unknown config keys, conflicting options).
 * @example
 * const table = createArgumentTable();
 * events.initCommandLineParser.fire({ parser: table });
 * const { options, userClassNames } = resolveOptions({ argv: process.argv.slice(2), table });
 */
export function resolveOptions(input: ResolveInput): ResolvedOptions {
  const { resolved, problems } = resolveWithProblems(input);
  if (problems.length > 0) throw new OptionError(problems);
  return resolved;
}

/**
 * A lenient first pass that never throws: unknown flags and bad values are skipped. The CLI uses it to learn
 * `--locustfile`, `--plugin`, `--help`, `--worker`… before custom options exist; positionals may include values
 * of custom flags not registered yet.
 */
export function peekOptions(input: ResolveInput): ResolvedOptions {
  return resolveWithProblems(input).resolved;
}

function resolveWithProblems(input: ResolveInput): { resolved: ResolvedOptions; problems: OptionProblem[] } {
  const table = input.table ?? new ArgumentTable();
  const env = input.env ?? process.env;
  const cwd = input.cwd ?? process.cwd();
  const cli = parseArgv(input.argv, table);
  const configFile = cli.values.get("config")?.raw;
  const files = loadConfigFiles({ cwd, home: input.home ?? homedir(), table, configFile: asText(configFile) });
  const problems: OptionProblem[] = [...cli.problems, ...files.problems];
  const layers: Layer[] = [
    ...files.layers.map(fileLayer),
    envLayer(table, env, problems),
    { source: "command line", values: cli.values, label: (flag) => flag.long },
  ];
  const { options, sources } = mergeLayers(table, layers, cwd, problems);
  const userClassNames = applyPositionals(options, sources, cli.positionals, problems);
  if (userClassNames.length === 0 && env.LOCUST_USER_CLASSES) {
    userClassNames.push(...env.LOCUST_USER_CLASSES.split(/\s+/).filter((name) => name !== ""));
  }
  if (options.headful) options.headless = false;
  problems.push(...validateOptions(options));
  return { resolved: { options, userClassNames, sources }, problems };
}

/** Copies list defaults so no two runs share (and mutate) one array. */
function copyValue(value: OptionValue): OptionValue {
  return (Array.isArray(value) ? [...value] : value) as OptionValue;
}

function asText(raw: unknown): string | undefined {
  return typeof raw === "string" ? raw : undefined;
}

function fileLayer(layer: ConfigLayer): Layer {
  return { ...layer, label: (flag) => `${flag.long} (in ${layer.source})` };
}

/** Empty variables count as unset, so `LOCUST_HOST=` in a CI job does not fail the run. */
function envLayer(table: ArgumentTable, env: Record<string, string | undefined>, problems: OptionProblem[]): Layer {
  const values: Layer["values"] = new Map();
  for (const flag of table.flags) {
    const raw = flag.env === undefined ? undefined : env[flag.env];
    if (raw === undefined || raw === "") continue;
    if (flag.removed) problems.push({ message: `${flag.removed} (from ${flag.env})` });
    else values.set(flag.key, { flag, raw });
  }
  return { source: "env", values, label: (flag) => `${flag.long} (${flag.env})` };
}

function mergeLayers(table: ArgumentTable, layers: Layer[], cwd: string, problems: OptionProblem[]) {
  const options = defaultOptions();
  const sources: Record<string, string> = {};
  const target = (flag: FlagSpec): Record<string, unknown> =>
    flag.webUi ? options.extra : (options as unknown as Record<string, unknown>);
  for (const flag of table.flags) {
    if (flag.removed) continue;
    sources[flag.key] = "default";
    if (flag.webUi) options.extra[flag.key] = copyValue(flag.default);
    const layer = layers.findLast((candidate) => candidate.values.has(flag.key));
    if (!layer) continue;
    const raw = layer.values.get(flag.key)?.raw;
    try {
      target(flag)[flag.key] = coerceFlagValue(flag, raw, { label: layer.label(flag), cwd });
      sources[flag.key] = layer.source === "env" ? (flag.env ?? "env") : layer.source;
    } catch (error) {
      if (!(error instanceof OptionError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { options, sources };
}

/** Positionals are user class names, except that a `scheme://` argument is the smoke-mode URL. */
function applyPositionals(
  options: Options,
  sources: Record<string, string>,
  positionals: readonly string[],
  problems: OptionProblem[],
): string[] {
  const urls = positionals.filter((argument) => URL_ARGUMENT.test(argument));
  if (urls.length > 1) problems.push({ message: `only one URL can be given, got ${urls.join(" ")}` });
  if (urls.length > 0) {
    try {
      const url = parseHost(urls[0], "the URL argument");
      if (sources.url === "command line" && options.url !== url) {
        problems.push({ message: `the URL argument '${url}' conflicts with --url '${options.url}'` });
      }
      options.url = url;
      sources.url = "command line";
    } catch (error) {
      if (!(error instanceof OptionError)) throw error;
      problems.push(...error.problems);
    }
  }
  return positionals.filter((argument) => !URL_ARGUMENT.test(argument));
}
