import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { FlagSpec, OptionValue, ValueKind } from "./flags.ts";
import { OptionError } from "./option-error.ts";
import {
  parseBool,
  parseHost,
  parseInteger,
  parseList,
  parseLogLevel,
  parseNonNegativeInt,
  parseNumber,
  parsePort,
  parsePositiveFloat,
  parsePositiveInt,
  parseTimespan,
  splitExpressionList,
} from "./values.ts";

/** Where a raw value came from, for error lines. */
export interface CoerceContext {
  /** How to name the setting in messages: `--users`, `--users (LOCUST_USERS)`, `--users (in ./locust.conf)`. */
  label: string;
  /** Base directory for relative `--config-users` files. */
  cwd: string;
}

const KIND_WORDS: Record<ValueKind, string> = {
  string: "text value",
  int: "integer",
  nonNegativeInt: "integer",
  positiveInt: "integer",
  port: "port number",
  float: "number",
  positiveFloat: "number",
  timespan: "time span",
  bool: "boolean",
  list: "list",
  expressionList: "list of expressions",
  host: "URL",
  logLevel: "log level",
  userConfig: "JSON user config",
};

type TextParser = (text: string, label: string) => OptionValue;

const TEXT_PARSERS: Record<Exclude<ValueKind, "list" | "expressionList" | "userConfig">, TextParser> = {
  string: (text) => text,
  int: parseInteger,
  nonNegativeInt: parseNonNegativeInt,
  positiveInt: parsePositiveInt,
  port: parsePort,
  float: parseNumber,
  positiveFloat: parsePositiveFloat,
  timespan: parseTimespan,
  bool: parseBool,
  host: parseHost,
  logLevel: parseLogLevel,
};

/**
 * Turns a raw value into the flag's typed value. Raw values are text (flags, env vars, .conf files), lists of text
 * (repeated/list flags, config arrays) or JSON/TOML scalars (package.json, .toml, .json). Throws an OptionError.
 */
export function coerceFlagValue(flag: FlagSpec, raw: unknown, context: CoerceContext): OptionValue {
  if (flag.kind === "list") return checkChoices(flag, coerceList(raw, context.label), context.label);
  if (flag.kind === "expressionList") return coerceExpressionList(raw, context.label);
  if (flag.kind === "userConfig") return coerceUserConfigs(raw, context);
  const text = singleText(flag, raw, context.label);
  const value = TEXT_PARSERS[flag.kind](text, context.label);
  if (flag.choices && !flag.choices.includes(String(value))) {
    throw new OptionError(
      `invalid value for ${context.label}: '${text}' is not one of: ${flag.choices.join(", ")}`,
    );
  }
  return value;
}

function checkChoices(flag: FlagSpec, items: string[], label: string): string[] {
  const wrong = flag.choices && items.find((item) => !flag.choices!.includes(item));
  if (wrong) throw new OptionError(`invalid value for ${label}: '${wrong}' is not one of: ${flag.choices!.join(", ")}`);
  return items;
}

function singleText(flag: FlagSpec, raw: unknown, label: string): string {
  const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean" && (flag.kind === "bool" || flag.kind === "string")) return String(value);
  const expected = KIND_WORDS[flag.kind];
  throw new OptionError(`invalid value for ${label}: expected one ${expected}, got ${JSON.stringify(raw)}`);
}

function coerceList(raw: unknown, label: string): string[] {
  if (typeof raw === "string") return parseList(raw);
  if (Array.isArray(raw) && raw.every((item) => ["string", "number", "boolean"].includes(typeof item))) {
    // Items from a flag or a config array may still be comma lists ("-T a,b").
    return raw.flatMap((item) => (typeof item === "string" ? parseList(item) : [String(item)]));
  }
  throw new OptionError(`invalid value for ${label}: ${JSON.stringify(raw)} is not a list of words`);
}

/**
 * Each command-line use or config-array item is one expression as written (it may hold spaces or commas); a
 * single text (an env var, a .conf line) is a comma list, commas inside quotes kept.
 */
function coerceExpressionList(raw: unknown, label: string): string[] {
  if (typeof raw === "string") return splitExpressionList(raw);
  if (Array.isArray(raw) && raw.every((item) => typeof item === "string")) return raw.map((item) => item.trim());
  throw new OptionError(`invalid value for ${label}: ${JSON.stringify(raw)} is not a list of expressions`);
}

function coerceUserConfigs(raw: unknown, context: CoerceContext): Record<string, unknown>[] {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((item) => {
    const parsed = typeof item === "string" ? parseUserConfigText(item, context) : item;
    const configs = Array.isArray(parsed) ? parsed : [parsed];
    for (const config of configs) {
      if (typeof config !== "object" || config === null || !("user_class_name" in config)) {
        throw new OptionError(`invalid value for ${context.label}: the user config must specify a user_class_name`);
      }
    }
    return configs as Record<string, unknown>[];
  });
}

function parseUserConfigText(text: string, context: CoerceContext): unknown {
  const isFile = text.trim().endsWith(".json");
  try {
    if (!isFile) return JSON.parse(text);
    const path = isAbsolute(text) ? text : join(context.cwd, text);
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const what = isFile ? "could not read the JSON file" : "is not valid JSON";
    throw new OptionError(`invalid value for ${context.label}: '${text}' ${what}: ${reason}`, cause);
  }
}
