/**
 * One arrival-rate iteration: one task of a user, picked by weight, run once, with no wait after it.
 * @module
 */
import { InterruptTaskSet, RescheduleTask, RescheduleTaskImmediately, StopTest, StopUser } from "../../errors.ts";
import type { TaskEntry } from "../../user/task-entry.ts";
import type { TaskList } from "../../user/task-table.ts";
import { noTasksError, type TaskSet } from "../../user/task-set.ts";
import { InvalidWaitTimeError } from "../../user/wait-time.ts";
import type { User } from "../../user/user.ts";

/** What the pool does with the user after an iteration. */
export type IterationOutcome = "idle" | "retire";

/**
 * Starts one task of `user`, picked by weight: returns what the task returned (a promise for an async task).
 * Throws what a synchronous task throws; pass it, or the promise's rejection, to {@link settleIteration}.
 */
export function startIteration(user: User, tasks: TaskList): unknown {
  const entry = tasks.pick();
  if (!entry) throw noTasksError(user.constructor);
  return startTask(user, entry);
}

function startTask(user: User, entry: TaskEntry): unknown {
  const holder = user as unknown as Record<string, () => unknown>;
  if (entry.kind === "method") return holder[entry.ref as string]!();
  if (entry.kind === "function") return (entry.ref as (holder: object) => unknown)(user);
  const TaskSetClass = entry.ref as unknown as new (parent: object, tags: ReadonlySet<string>) => TaskSet;
  return new TaskSetClass(user, entry.tags).run();
}

/**
 * What an error that ended an iteration means: control exceptions mean what they mean in the user loop (a
 * reschedule or an interrupt ends the iteration; StopUser retires the user; StopTest stops the run), and any other
 * error is a user error, counted and logged as in a task loop (the user stays unless exceptions are not caught).
 */
export function settleIteration(user: User, err: unknown): IterationOutcome {
  const environment = user.environment;
  if (err instanceof RescheduleTask || err instanceof RescheduleTaskImmediately || err instanceof InterruptTaskSet) return "idle";
  if (err instanceof StopTest) {
    environment.runner?.fail(err, { setup: false });
    return "retire";
  }
  if (err instanceof StopUser || user.isStopping) return "retire";
  if (err instanceof InvalidWaitTimeError) {
    environment.runner?.fail(err, { setup: true });
    return "retire";
  }
  const tb = err instanceof Error ? (err.stack ?? String(err)) : String(err);
  environment.events.userError.fire({ userInstance: user, exception: err, tb });
  return environment.catchExceptions ? "idle" : "retire";
}
