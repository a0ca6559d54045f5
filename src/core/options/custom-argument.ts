/**
 * What a locustfile or plugin may pass to `parser.addArgument`, checked at registration: Locust's keywords in
 * camelCase (`type: "int"`, `action: "store_true"`, `envVar`, `includeInWebUi`…), anything else refused in one line.
 * @module
 */
import { LocustError } from "../errors.ts";
import { findClosestName } from "./closest-name.ts";
import { coerceFlagValue } from "./coerce-flag-value.ts";
import type { FlagSpec, OptionValue, ValueKind } from "./flags.ts";
import { OptionError } from "./option-error.ts";

/** The value types a custom option may have; `"str"` is Python's name for `"string"`. */
export type CustomArgumentType = "str" | "string" | "int" | "float" | "bool" | "list";

/** What a plugin or locustfile passes to `ArgumentTable.addArgument` (Locust's `add_argument` keywords, camelCase). */
export interface CustomArgumentSpec {
  help?: string;
  /** Default value; `bool` options default to false, others to undefined. A text default is parsed as `type`. */
  default?: string | number | boolean | string[];
  /** Default `"str"` (or `"bool"` when the default is a boolean). */
  type?: CustomArgumentType;
  /** argparse's action: `"store_true"` makes a flag that takes no value (false unless given). */
  action?: "store" | "store_true";
  /** Environment variable; default `LOCUST_` + the upper-snake name (`--my-arg` → `LOCUST_MY_ARG`); false for none. */
  env?: string | false;
  /** Locust's `env_var`: the same as `env`. */
  envVar?: string | false;
  choices?: readonly (string | number)[];
  /** Several values (a list option); with `choices`, each must be one of them (a multi-select in the web UI). */
  isMultiple?: boolean;
  /** Placeholder shown in `--help`, e.g. `<count>`. */
  metavar?: string;
  /** Show in the web UI's custom-options form (default true). */
  includeInWebUi?: boolean;
  /** Mask the value in the web UI (default false). */
  isSecret?: boolean;
  /** Marked required in the web UI form only (default false). */
  isRequired?: boolean;
}

const KEYS = ["help", "default", "type", "action", "env", "envVar", "choices", "isMultiple", "metavar", "includeInWebUi", "isSecret", "isRequired"];
const KINDS: Record<CustomArgumentType, ValueKind> = { str: "string", string: "string", int: "int", float: "float", bool: "bool", list: "list" };
const ACTIONS = ["store", "store_true"];

function refuse(long: string, problem: string): never {
  throw new LocustError(`addArgument("${long}"): ${problem}`, { code: "INVALID_CUSTOM_OPTION" });
}

function checkKeys(long: string, spec: object): void {
  for (const key of Object.keys(spec)) {
    if (KEYS.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const guess = KEYS.includes(camel) ? camel : findClosestName(key, KEYS);
    refuse(long, `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ""}; known keys: ${KEYS.join(", ")}`);
  }
}

function kindOf(long: string, spec: CustomArgumentSpec): ValueKind {
  const action = spec.action ?? "store";
  if (!ACTIONS.includes(action)) refuse(long, `unsupported action '${action}'; use "store_true" for a flag without a value`);
  if (action === "store_true") {
    if (spec.type !== undefined && spec.type !== "bool") refuse(long, `action "store_true" cannot have type '${spec.type}'`);
    return "bool";
  }
  if (spec.isMultiple) {
    if (!["str", "string", "list", undefined].includes(spec.type)) refuse(long, `isMultiple takes text values, not type '${spec.type}'`);
    return "list";
  }
  if (spec.type === undefined) return typeof spec.default === "boolean" ? "bool" : "string";
  if (!Object.hasOwn(KINDS, spec.type)) refuse(long, `unknown type '${String(spec.type)}'; use one of "str", "int", "float", "bool", "list"`);
  return KINDS[spec.type];
}

function envOf(long: string, spec: CustomArgumentSpec): string | undefined {
  if (spec.env !== undefined && spec.envVar !== undefined && spec.env !== spec.envVar) {
    refuse(long, `'env' and 'envVar' name different variables (${String(spec.env)}, ${String(spec.envVar)}); give one`);
  }
  const env = spec.envVar ?? spec.env;
  if (env === false) return undefined;
  if (env !== undefined && (typeof env !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env))) refuse(long, `'${String(env)}' is not an environment variable name`);
  return env ?? `LOCUST_${long.slice(2).replaceAll("-", "_").toUpperCase()}`;
}

/** The default as the option's type: `"5"` for an int option becomes 5, as argparse parses string defaults. */
function defaultOf(long: string, flag: FlagSpec, value: CustomArgumentSpec["default"]): OptionValue {
  if (value === undefined) return flag.kind === "bool" ? false : undefined;
  if (typeof value !== "string" || flag.kind === "string") return value;
  try {
    return coerceFlagValue({ ...flag, choices: undefined }, value, { label: `${long} (its default)`, cwd: "." });
  } catch (error) {
    if (error instanceof OptionError) refuse(long, error.message);
    throw error;
  }
}

/** Builds the flag row for a custom option; throws a one-line LocustError for anything it cannot honour. */
export function createCustomFlag(long: string, short: string | undefined, key: string, spec: CustomArgumentSpec): FlagSpec {
  if (typeof spec !== "object" || spec === null) refuse(long, "the second argument must be an object of settings");
  checkKeys(long, spec);
  const kind = kindOf(long, spec);
  const flag: FlagSpec = {
    long,
    short,
    key,
    env: envOf(long, spec),
    default: undefined,
    kind,
    metavar: kind === "bool" ? undefined : (spec.metavar ?? `<${kind}>`),
    help: spec.help ?? "",
    group: "Custom",
    choices: spec.choices?.map(String),
    webUi: {
      includeInWebUi: spec.includeInWebUi ?? true,
      isSecret: spec.isSecret ?? false,
      isRequired: spec.isRequired ?? false,
    },
  };
  flag.default = defaultOf(long, flag, spec.default);
  return flag;
}
