import { LocustError } from "../../core/errors.ts";
import { findClosestName } from "../../core/options/index.ts";

/** The settings every session takes; each session class adds its own. */
export const COMMON_SESSION_KEYS = ["baseUrl", "requestEvent", "user"] as const;

function refuse(className: string, problem: string): never {
  throw new LocustError(`new ${className}(…): ${problem}`, { code: "INVALID_SESSION_SETTINGS" });
}

/**
 * Checks what a locustfile passes to `new HttpSession(…)` / `new FastHttpSession(…)` before anything is stored, so a
 * mistake is one line at construction instead of an error inside every request. Locust's keyword names in
 * snake_case (`request_event`, `base_url`) are pointed at their camelCase spelling.
 */
export function assertSessionSettings(className: string, settings: unknown, keys: readonly string[]): void {
  if (typeof settings !== "object" || settings === null) refuse(className, "expected an object of settings ({ baseUrl, requestEvent, user })");
  for (const key of Object.keys(settings)) {
    if (keys.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const guess = keys.includes(camel) ? camel : findClosestName(key, keys);
    refuse(className, `unknown setting '${key}'${guess ? ` (did you mean '${guess}'?)` : ""}`);
  }
  const { baseUrl, requestEvent, user } = settings as Record<string, unknown>;
  if (typeof (requestEvent as { fire?: unknown } | undefined)?.fire !== "function") {
    refuse(className, "requestEvent must be the event to report to: this.client.requestEvent or this.environment.events.request");
  }
  if (baseUrl !== undefined && typeof baseUrl !== "string") refuse(className, `baseUrl must be a string, got ${typeof baseUrl}`);
  if (user !== undefined && !((user as { signal?: unknown }).signal instanceof AbortSignal && typeof (user as { context?: unknown }).context === "function")) {
    refuse(className, "user must be the User the session works for (pass `user: this` from the user)");
  }
}
