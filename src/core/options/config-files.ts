/**
 * Reads option values from config files, lowest precedence first: `~/.locust.conf`, `./locust.conf`,
 * `./pyproject.toml` (`[tool.locust]`), `./package.json` (`"locust"` object), then the `--config` file
 * (locust.conf format, `.toml` or `.json`). Keys are long option names without dashes (`spawn-rate`); snake_case and
 * the camelCase option key (`spawnRate`) also work.
 * @see https://docs.locust.io/en/stable/configuration.html#configuration-file
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { ArgumentTable } from "./argument-table.ts";
import { parseConfText } from "./conf-text.ts";
import type { FlagSpec } from "./flags.ts";
import type { OptionProblem } from "./option-error.ts";

/** The values one config file sets, by option key, not yet typed. */
export interface ConfigLayer {
  /** How the file is named in messages: `~/.locust.conf`, `./locust.conf`, or the `--config` path as given. */
  source: string;
  values: Map<string, { flag: FlagSpec; raw: unknown }>;
}

/** Where to look and what is known. */
export interface ConfigFilesInput {
  cwd: string;
  home: string;
  /** The `--config` path, relative to `cwd` unless absolute. */
  configFile?: string;
  table: ArgumentTable;
}

type FileFormat = "conf" | "toml" | "json" | "pyproject" | "package";

/** Every config layer that exists, lowest precedence first, with every problem found in them. */
export function loadConfigFiles(input: ConfigFilesInput): { layers: ConfigLayer[]; problems: OptionProblem[] } {
  const candidates: { path: string; source: string; format: FileFormat }[] = [
    { path: join(input.home, ".locust.conf"), source: "~/.locust.conf", format: "conf" },
    { path: join(input.cwd, "locust.conf"), source: "./locust.conf", format: "conf" },
    { path: join(input.cwd, "pyproject.toml"), source: "./pyproject.toml", format: "pyproject" },
    { path: join(input.cwd, "package.json"), source: "./package.json", format: "package" },
  ];
  const problems: OptionProblem[] = [];
  if (input.configFile !== undefined) {
    const path = isAbsolute(input.configFile) ? input.configFile : join(input.cwd, input.configFile);
    if (existsSync(path)) candidates.push({ path, source: input.configFile, format: formatOf(path) });
    else problems.push({ message: `config file '${input.configFile}' (--config) was not found` });
  }
  const layers: ConfigLayer[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate.path)) continue;
    const entries = readEntries(candidate.path, candidate.format, candidate.source, problems);
    if (entries) layers.push(toLayer(candidate.source, entries, input.table, problems));
  }
  return { layers, problems };
}

function formatOf(path: string): FileFormat {
  if (/\.toml$/i.test(path)) return "toml";
  if (/\.json$/i.test(path)) return "json";
  return "conf";
}

function readEntries(path: string, format: FileFormat, source: string, problems: OptionProblem[]) {
  let data: unknown;
  try {
    const text = readFileSync(path, "utf8");
    if (format === "conf") return confEntries(text, source, problems);
    data = format === "json" || format === "package" ? JSON.parse(text) : Bun.TOML.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    problems.push({ message: `could not read config file ${source}: ${reason}` });
    return undefined;
  }
  const section = pickSection(data, format);
  if (section === undefined) return undefined;
  if (!isPlainObject(section)) {
    const message = `config file ${source}: the Locust settings must be an object of option names to values`;
    problems.push({ message });
    return undefined;
  }
  return Object.entries(section);
}

/** package.json and pyproject.toml hold other tools' settings too; only their Locust section is read. */
function pickSection(data: unknown, format: FileFormat): unknown {
  const object = isPlainObject(data) ? data : {};
  const tool = isPlainObject(object.tool) ? object.tool : {};
  switch (format) {
    case "package":
      return object.locust;
    case "pyproject":
      return tool.locust;
    default:
      return tool.locust ?? (isPlainObject(object.locust) ? object.locust : data);
  }
}

function confEntries(text: string, source: string, problems: OptionProblem[]): [string, unknown][] {
  const parsed = parseConfText(text);
  for (const line of parsed.badLines) {
    problems.push({ message: `config file ${source}, line ${line}: expected 'key = value'` });
  }
  return parsed.entries.map((entry) => [entry.key, entry.value]);
}

function toLayer(
  source: string,
  entries: [string, unknown][],
  table: ArgumentTable,
  problems: OptionProblem[],
): ConfigLayer {
  const layer: ConfigLayer = { source, values: new Map() };
  for (const [key, value] of entries) {
    const flag = table.findConfigKey(key);
    if (!flag || flag.cliOnly) {
      const suggestion = flag ? undefined : table.suggestConfigKey(key);
      const why = flag ? "can only be given on the command line" : "is not a known option";
      problems.push({ message: `'${key}' in ${source} ${why}${suggestion ? `. Did you mean '${suggestion}'?` : ""}` });
      continue;
    }
    if (flag.removed) {
      problems.push({ message: `${flag.removed} (in ${source})` });
      continue;
    }
    // A bare `headless` line or an empty `headless =` switches a boolean flag on, as on the command line.
    const raw = flag.kind === "bool" && (value === undefined || value === "") ? true : value;
    layer.values.set(flag.key, { flag, raw: raw ?? "" });
  }
  return layer;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
