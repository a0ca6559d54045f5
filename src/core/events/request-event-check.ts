import type { Logger } from "../log.ts";
import type { RequestEvent } from "./request-hook.ts";

/**
 * Whether every field the stats read is usable as is: string `requestType` and `name`, a finite response time
 * ≥ 0 (or null/undefined for an untimed request), a finite length ≥ 0 (or absent). Called on the per-request
 * path: comparisons only.
 */
export function isWellFormedRequestEvent(event: RequestEvent): boolean {
  return (
    typeof event.name === "string" &&
    typeof event.requestType === "string" &&
    isMeasure(event.responseTime) &&
    isMeasure(event.responseLength)
  );
}

/**
 * Repairs a malformed request event in place, so every listener sees the same sane values, and warns once per
 * kind of flaw through `warnOnce`. A non-string name or type becomes its string form; an unusable response time
 * makes the request untimed (it still counts, but cannot poison min, average or percentiles); an unusable length
 * becomes 0.
 */
export function coerceRequestEvent(event: RequestEvent, warnOnce: (kind: string, message: string) => void): void {
  for (const field of ["requestType", "name"] as const) {
    const value: unknown = event[field];
    if (typeof value === "string") continue;
    event[field] = safeString(value);
    warnOnce(`${field}:${typeof value}`, `a request event's ${field} is a ${typeof value}, not a string; it is recorded as ${JSON.stringify(event[field])}`);
  }
  const label = `${event.requestType} ${event.name}`;
  if (!isMeasure(event.responseTime)) {
    const value = event.responseTime;
    warnOnce(`responseTime:${flawOf(value)}`, `request ${label} reported a response time of ${describeMeasure(value)}; the request is counted without a response time`);
    event.responseTime = null;
  }
  if (!isMeasure(event.responseLength)) {
    const value = event.responseLength;
    warnOnce(`responseLength:${flawOf(value)}`, `request ${label} reported a response length of ${describeMeasure(value)}; it is counted as 0`);
    event.responseLength = 0;
  }
}

/** A warn-once function over `log`: each kind is logged the first time only (kinds are few and fixed). */
export function createWarnOnce(log: Logger): (kind: string, message: string) => void {
  const warned = new Set<string>();
  return (kind, message) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    log.warning(`${message} (further events with this problem are handled the same way without a warning)`);
  };
}

function isMeasure(value: unknown): boolean {
  return typeof value === "number" ? value >= 0 && value < Infinity : value == null;
}

/** The kind of an unusable measure: NaN, Infinity, -Infinity, "a negative number" or "a <type>". */
function flawOf(value: unknown): string {
  if (typeof value !== "number") return `a ${typeof value}`;
  if (Number.isNaN(value) || !Number.isFinite(value)) return String(value);
  return "a negative number";
}

function describeMeasure(value: unknown): string {
  return typeof value === "number" ? String(value) : `a ${typeof value} (${safeString(value)})`;
}

/** String(value), also for objects without a usable toString (a null-prototype object, a throwing one). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
