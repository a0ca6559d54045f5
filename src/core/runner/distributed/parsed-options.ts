/**
 * The `parsed_options` of a `spawn` message: the master's options under Locust's snake_case names going out, and
 * on a worker, the custom options (plus tags) taken over from them, as Locust's worker does.
 * @module
 */
import type { Environment } from "../../environment.ts";
import { FLAGS, toOptionKey } from "../../options/index.ts";
import { TaskTables } from "../../user/task-table.ts";

/** Our option keys whose Locust destination differs from the plain snake_case form. */
const LOCUST_NAMES: Record<string, string> = { users: "num_users" };
const BUILTIN_KEYS = new Set<string>(FLAGS.map((flag) => flag.key));
/** Built-in options a worker still takes from the master (Locust's list). */
const SHARED_BUILTINS = new Set(["expectWorkers", "tags", "excludeTags"]);

/** The options as Locust's `vars(parsed_options)`: snake_case keys, `null` for unset values. */
export function snakeCaseOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "extra" || typeof value === "function") continue;
    const name = LOCUST_NAMES[key] ?? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    out[name] = value === undefined ? null : value;
  }
  return out;
}

/**
 * Copies the master's custom options, `expect_workers`, `tags` and `exclude_tags` into the worker's parsed
 * options; changed tags replace the task filter, as a new test on the master would.
 */
export function adoptMasterOptions(environment: Environment, masterOptions: unknown): void {
  if (masterOptions === null || typeof masterOptions !== "object") return;
  const parsed = environment.parsedOptions;
  for (const [name, value] of Object.entries(masterOptions as Record<string, unknown>)) {
    const key = name === "num_users" ? "users" : toOptionKey(name);
    if (!BUILTIN_KEYS.has(key) || SHARED_BUILTINS.has(key)) parsed[key] = value;
  }
  const include = stringList(parsed.tags);
  const exclude = stringList(parsed.excludeTags);
  const current = environment.taskTables;
  if (sameList(include, current.filter.include) && sameList(exclude, current.filter.exclude)) return;
  environment.taskTables = new TaskTables({ include, exclude }, current.equalWeights);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
