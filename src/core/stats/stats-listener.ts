import type { Clock } from "../clock.ts";
import type { RequestStats } from "./request-stats.ts";

/** The fields of a request event the stats read (every `RequestEvent` has them). */
export interface RequestFacts {
  requestType: string;
  name: string;
  responseTime: number | null;
  responseLength: number;
  exception?: unknown;
}

/** The part of `Events` the listener attaches to. */
export interface RequestEventSource {
  request: {
    addListener(listener: (event: RequestFacts) => void): unknown;
    removeListener(listener: (event: RequestFacts) => void): void;
  };
}

/**
 * The one subscriber to `events.request` that writes into the stats: every event is logged as a request, and an
 * event with a truthy `exception` also as a failure (so a failure counts in both, as in Locust). The clock is read
 * once per event. Called on the per-request path: allocates nothing.
 */
export function createStatsListener(stats: RequestStats, clock: Clock): (event: RequestFacts) => void {
  return (event) => {
    const now = clock.now();
    stats.logRequest(event.requestType, event.name, event.responseTime, event.responseLength || 0, now);
    if (event.exception) stats.logError(event.requestType, event.name, event.exception, now);
  };
}

/** Adds the stats listener to `events.request`; returns a function that removes it again. */
export function attachStatsListener(events: RequestEventSource, stats: RequestStats, clock: Clock): () => void {
  const listener = createStatsListener(stats, clock);
  events.request.addListener(listener);
  return () => events.request.removeListener(listener);
}
