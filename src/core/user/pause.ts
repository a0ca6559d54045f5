import type { User } from "./user.ts";

/** How long a user may run tasks back to back without giving timers and I/O a turn. */
const MAX_MS_WITHOUT_YIELD = 5;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Returns what to await between tasks (nothing when no wait is due — saving an async frame per idle user).
 * Sleeps `ms` (see `User.pauseBetweenTasks`), waking early when a stop is requested. With no wait, a user whose tasks
 * finish instantly (or fail instantly) would otherwise spin in microtasks and starve every timer, including the
 * run-time limit; so it yields to the event loop whenever it has run for a few milliseconds without doing so.
 */
export function pauseUser(user: User, ms: number): Promise<void> | undefined {
  const now = performance.now();
  if (ms > 0) {
    user.lastYieldAt = now;
    return user.pauseBetweenTasks(ms);
  }
  if (now - user.lastYieldAt > MAX_MS_WITHOUT_YIELD) {
    user.lastYieldAt = now;
    return yieldToEventLoop();
  }
  return undefined;
}
