import type { User } from "./user.ts";

/** How long a user may run tasks back to back without giving timers and I/O a turn. */
const MAX_MS_WITHOUT_YIELD = 5;
const lastYield = new WeakMap<User, number>();

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sleeps `ms` on the environment's clock, waking early when a stop is requested. With no wait, a user whose tasks
 * finish instantly (or fail instantly) would otherwise spin in microtasks and starve every timer, including the
 * run-time limit; so it yields to the event loop whenever it has run for a few milliseconds without doing so.
 */
export async function pauseUser(user: User, ms: number): Promise<void> {
  const clock = user.environment.clock;
  if (ms > 0) {
    await clock.sleep(ms, user.stoppingSignal);
    lastYield.set(user, performance.now());
    return;
  }
  const now = performance.now();
  const last = lastYield.get(user);
  if (last === undefined) {
    lastYield.set(user, now);
  } else if (now - last > MAX_MS_WITHOUT_YIELD) {
    await yieldToEventLoop();
    lastYield.set(user, performance.now());
  }
}
