import type { RequestEvent } from "../../core/events/request-hook.ts";

/** What a session needs of its user: the abort signal (read per request) and the context of its events. */
export interface SessionUser {
  readonly signal: AbortSignal;
  context(): Record<string, unknown>;
}

/** Where a session reports: `environment.events.request` or anything with the same `fire`. */
export interface RequestReporter {
  fire(event: RequestEvent): void;
}
