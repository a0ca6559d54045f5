/**
 * Where a scheduled user (an arrival-rate iteration or a paced user) says how late its current work is. The user's
 * request `context` carries the mark under this symbol (invisible to JSON and to `Object.keys`), so the corrected
 * histograms learn it from the request event itself, for every protocol, without a per-request allocation.
 */
export const SCHEDULE_MARK = Symbol.for("locust-bun.scheduleMark");

/** The mutable per-user schedule state, read when each of its request events fires. */
export interface ScheduleMark {
  /** How much later than intended the current iteration started (ms); added to each of its requests. */
  latenessMs: number;
  /**
   * The pacing interval (ms) of a paced user, 0 otherwise. A request slower than it also stands for the requests
   * the pace would have started meanwhile (HdrHistogram's expected-interval correction, as wrk2 reports).
   */
  intervalMs: number;
}

/** A fresh mark: on time, not paced. */
export function createScheduleMark(intervalMs = 0): ScheduleMark {
  return { latenessMs: 0, intervalMs };
}
