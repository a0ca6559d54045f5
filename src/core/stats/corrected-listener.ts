import type { CorrectedStats } from "./corrected-stats.ts";
import { SCHEDULE_MARK, type ScheduleMark } from "./schedule-mark.ts";
import type { RequestEventSource, RequestFacts } from "./stats-listener.ts";

/** A request event as the corrected listener reads it: the measured facts and the context carrying the mark. */
interface ScheduledFacts extends RequestFacts {
  context?: Record<PropertyKey, unknown>;
}

const attached = new WeakSet<CorrectedStats>();

/**
 * Subscribes the corrected histograms to `events.request`, once per stats object. Attached only when a first
 * scheduled user exists, so a closed-model run without pacing never runs this listener.
 */
export function attachCorrectedListener(events: RequestEventSource, corrected: CorrectedStats): void {
  if (attached.has(corrected)) return;
  attached.add(corrected);
  events.request.addListener((event: ScheduledFacts) => {
    const mark = event.context?.[SCHEDULE_MARK] as ScheduleMark | undefined;
    if (mark === undefined || event.responseTime == null) return;
    corrected.record(event.requestType, event.name, event.responseTime, mark);
  });
}
