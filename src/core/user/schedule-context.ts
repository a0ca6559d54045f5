/**
 * Gives a scheduled user (arrival-rate pool member or paced user) a schedule mark that rides on the `context` of
 * each of its request events, and switches the corrected histograms on. Done once per user: the user's own
 * `context()` (overridden or not) is wrapped on the instance, so unscheduled users and every protocol stay as
 * they are.
 * @module
 */
import { attachCorrectedListener, createScheduleMark, SCHEDULE_MARK, type ScheduleMark } from "../stats/index.ts";
import { pacingIntervalOf } from "./wait-time.ts";
import type { User } from "./user.ts";

/** Installs a schedule mark on `user` and returns it; the caller updates `latenessMs` per iteration. */
export function markScheduled(user: User, intervalMs = 0): ScheduleMark {
  const mark = createScheduleMark(intervalMs);
  const own = user.context;
  user.context = function scheduledContext(this: User) {
    const context = own.call(this);
    if (Object.isExtensible(context)) (context as Record<PropertyKey, unknown>)[SCHEDULE_MARK] = mark;
    return context;
  };
  const { events, stats } = user.environment;
  attachCorrectedListener(events, stats.corrected);
  return mark;
}

/**
 * Marks `user` when its own `waitTime` paces it (`constantPacing`, `constantThroughput`): its requests then also
 * count in the corrected histograms. A TaskSet's own pacing is not looked at.
 */
export function markIfPaced(user: User): void {
  const intervalMs = pacingIntervalOf(user.waitTime);
  if (intervalMs > 0) markScheduled(user, intervalMs);
}
