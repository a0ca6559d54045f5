import type { User } from "./user.ts";

/** How long a user may run tasks back to back without the event loop turning before it makes it turn. */
const MAX_MS_WITHOUT_LOOP_TURN = 5;

/**
 * Counts event-loop turns: a 1 ms interval only fires when the loop gets to its timers, so an unchanged count means
 * nothing but microtasks has run since. Unref'd: it never keeps the process alive.
 */
let loopTurns = 0;
let turnCounter: ReturnType<typeof setInterval> | undefined;

function currentLoopTurn(): number {
  if (!turnCounter) {
    turnCounter = setInterval(() => loopTurns++, 1);
    turnCounter.unref();
  }
  return loopTurns;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Returns what to await between tasks (nothing when no wait is due — saving an await per iteration).
 * Sleeps `ms` (see `User.pauseBetweenTasks`), waking early when a stop is requested. With no wait, a user whose
 * tasks finish instantly (or fail instantly) would spin in microtasks and starve every timer, including the
 * run-time limit; so when the event loop has not turned for a few milliseconds, it yields to it. Users whose tasks
 * wait on I/O let the loop turn by themselves and never pay for a yield.
 */
export function pauseUser(user: User, ms: number): Promise<void> | undefined {
  if (ms > 0) return user.pauseBetweenTasks(ms);
  const turn = currentLoopTurn();
  const now = performance.now();
  if (turn !== user.lastLoopTurn) {
    user.lastLoopTurn = turn;
    user.lastLoopTurnAt = now;
    return undefined;
  }
  if (now - user.lastLoopTurnAt <= MAX_MS_WITHOUT_LOOP_TURN) return undefined;
  user.lastLoopTurnAt = now;
  return yieldToEventLoop();
}
