import { LocustError } from "../errors.ts";
import { findClosestName } from "./closest-name.ts";
import { createCustomFlag, type CustomArgumentSpec } from "./custom-argument.ts";
import { FLAGS, type FlagSpec } from "./flags.ts";

export type { CustomArgumentSpec } from "./custom-argument.ts";

const LONG_NAME = /^--[a-z0-9][a-z0-9-]*$/i;
const SHORT_NAME = /^-[a-z0-9]$/i;

/** `--my-arg` → `myArg`; `my_arg` → `myArg`. */
export function toOptionKey(name: string): string {
  return name.replace(/^-+/, "").replace(/[-_]+([a-z0-9])/gi, (_, letter: string) => letter.toUpperCase());
}

/**
 * The flag table as an `ArgumentParser`-like object. The CLI fires `events.initCommandLineParser({ parser: table })`
 * so plugins and locustfiles can `addArgument(...)`, then resolves argv against the whole table; unknown flags are
 * only judged after that.
 * @example
 * events.initCommandLineParser.addListener(({ parser }) => {
 *   parser.addArgument("--my-token", { help: "API token", isSecret: true, default: "" });
 * });
 * @see https://docs.locust.io/en/stable/extending-locust.html#custom-arguments
 */
export class ArgumentTable {
  #flags: FlagSpec[] = [];
  #byName = new Map<string, FlagSpec>();
  #byKey = new Map<string, FlagSpec>();
  #byEnv = new Map<string, FlagSpec>();

  constructor(flags: readonly FlagSpec[] = FLAGS) {
    for (const flag of flags) this.#register(flag);
  }

  /** Every flag, built-in first, then custom ones in registration order. */
  get flags(): readonly FlagSpec[] {
    return this.#flags;
  }

  /** Flags added through {@link addArgument}. */
  get customFlags(): readonly FlagSpec[] {
    return this.#flags.filter((flag) => flag.webUi !== undefined);
  }

  /**
   * Adds a custom option; its value lands in `options.extra[camelCaseKey]`. `names` is `"--my-arg"` or
   * `["-m", "--my-arg"]`. Throws a one-line LocustError when a name, key or env var is already taken, or a setting
   * is unknown or invalid (see {@link CustomArgumentSpec}).
   */
  addArgument(names: string | readonly string[], spec: CustomArgumentSpec = {}): FlagSpec {
    const list = typeof names === "string" ? [names] : names;
    const long = list.find((name) => LONG_NAME.test(name));
    const short = list.find((name) => SHORT_NAME.test(name));
    const bad = list.filter((name) => name !== long && name !== short);
    if (!long || bad.length > 0) {
      const message = `invalid option name(s) ${JSON.stringify(list)}: give one '--long-name' and optionally one '-x'`;
      throw new LocustError(message, { code: "INVALID_CUSTOM_OPTION" });
    }
    const flag = createCustomFlag(long, short, toOptionKey(long), spec);
    this.#register(flag);
    return flag;
  }

  /** The flag for a command-line token such as `--spawn-rate` or `-r`. */
  findFlag(name: string): FlagSpec | undefined {
    return this.#byName.get(name);
  }

  /** The flag for an environment variable name. */
  findEnv(name: string): FlagSpec | undefined {
    return this.#byEnv.get(name);
  }

  /**
   * The flag for a config-file key: the long name without dashes (`spawn-rate`), with dashes, in snake_case
   * (`spawn_rate`) or as the option key (`spawnRate`, handy in package.json).
   */
  findConfigKey(key: string): FlagSpec | undefined {
    const trimmed = key.trim();
    const dashed = trimmed.startsWith("--") ? trimmed : `--${trimmed.replaceAll("_", "-")}`;
    return this.#byName.get(dashed) ?? this.#byKey.get(trimmed);
  }

  /** The nearest long flag name, for "Did you mean …?". */
  suggestFlag(name: string): string | undefined {
    const longName = name.startsWith("--") ? name : `--${name.replace(/^-+/, "")}`;
    return findClosestName(longName, this.#visibleLongNames());
  }

  /** The nearest config key (long name without dashes). */
  suggestConfigKey(key: string): string | undefined {
    const match = findClosestName(`--${key.replace(/^-+/, "").replaceAll("_", "-")}`, this.#visibleLongNames());
    return match?.slice(2);
  }

  *#visibleLongNames(): Iterable<string> {
    for (const flag of this.#flags) if (!flag.hidden && !flag.removed) yield flag.long;
  }

  #register(flag: FlagSpec): void {
    const clash =
      [flag.long, flag.short].find((name) => name !== undefined && this.#byName.has(name)) ??
      (this.#byKey.has(flag.key) ? flag.key : undefined) ??
      (flag.env !== undefined && this.#byEnv.has(flag.env) ? flag.env : undefined);
    if (clash) throw new LocustError(`option '${clash}' is already defined`, { code: "DUPLICATE_OPTION" });
    this.#flags.push(flag);
    this.#byName.set(flag.long, flag);
    if (flag.short) this.#byName.set(flag.short, flag);
    this.#byKey.set(flag.key, flag);
    if (flag.env) this.#byEnv.set(flag.env, flag);
  }
}

/** A table holding every built-in flag, ready for `initCommandLineParser` listeners. */
export function createArgumentTable(): ArgumentTable {
  return new ArgumentTable();
}
