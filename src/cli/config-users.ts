/**
 * `--config-users`: per-class settings from JSON, applied to the user classes before the run, as Locust does.
 * @module
 */
import { LocustError } from "../core/errors.ts";
import { EXIT_FATAL } from "../core/exit-codes.ts";
import type { UserClass } from "../core/user/user.ts";

/** Locust's message for a config naming a class the locustfiles do not have (it then exits with -1, i.e. 255). */
const UNKNOWN_CLASS = "Error applying user config, probably you tried to specify config for a User not present in your locustfile";

function configError(message: string): LocustError {
  return new LocustError(message, { code: "INVALID_CONFIG_USERS", exitCode: EXIT_FATAL });
}

/** `fixed_count` → `fixedCount`: the JSON uses Locust's snake_case keys, the classes camelCase statics. */
function toStaticName(key: string): string {
  return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Sets each config's keys (other than `user_class_name`) as static settings of the class it names, among
 * `availableClasses` (every class the locustfiles export, as Locust looks them up).
 * @throws LocustError (exit code 255) for a class that does not exist or a `tasks` key, which locust-bun cannot apply.
 */
export function applyUserConfigs(availableClasses: readonly UserClass[], configs: readonly Record<string, unknown>[]): void {
  for (const { user_class_name: name, ...settings } of configs) {
    const cls = availableClasses.find((candidate) => candidate.name === name);
    if (!cls) throw configError(`${UNKNOWN_CLASS}: '${String(name)}'`);
    if ("tasks" in settings) throw configError(`--config-users cannot set 'tasks' of ${cls.name} in locust-bun; pick tasks with -T/--tags instead`);
    for (const [key, value] of Object.entries(settings)) setStatic(cls, toStaticName(key), value);
  }
}

function setStatic(cls: UserClass, key: string, value: unknown): void {
  try {
    Object.defineProperty(cls, key, { value, writable: true, configurable: true, enumerable: true });
  } catch (err) {
    throw configError(`--config-users cannot set ${key} of ${cls.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
