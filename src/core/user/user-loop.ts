/**
 * One user's whole life: `beforeStart` → `onStart` → the root task loop → `onStop`.
 * @module
 */
import { StopTest, StopUser } from "../errors.ts";
import { createLogger } from "../log.ts";
import { TaskSet } from "./task-set.ts";
import type { User } from "./user.ts";
import { InvalidWaitTimeError } from "./wait-time.ts";

const log = createLogger("locust.user.users");

/** The implicit root TaskSet over a User's own tasks; its tasks run on the user and it waits the user's wait. */
class RootTaskSet extends TaskSet<User> {
  protected override taskSource(): Function {
    return this.user.constructor;
  }
  protected override taskHolder(): object {
    return this.user;
  }
  protected override waitSeconds(): number {
    return this.user.waitTime ? this.user.waitTime() : 0;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
}

/**
 * Runs `user` until it stops, then calls `onEnd`. Never rejects: an error in `onStart` or one that escapes the task
 * loop is logged and ends only this user, as in Locust; an invalid wait time also makes the runner stop the test.
 */
export async function runUser(user: User, onEnd?: () => void): Promise<void> {
  user.state = "running";
  try {
    await user.beforeStart();
    await user.onStart();
    await new RootTaskSet(user).run();
  } catch (err) {
    if (err instanceof StopUser || err instanceof StopTest || user.isStopping) await runUserOnStop(user);
    else if (err instanceof InvalidWaitTimeError) user.environment.runner?.fail(err, { setup: true });
    else log.error(describe(err));
  } finally {
    user.state = "stopped";
    await disposeUser(user);
    onEnd?.();
  }
}

async function disposeUser(user: User): Promise<void> {
  try {
    await user.dispose();
  } catch (err) {
    log.error(`Uncaught exception in dispose: \n${describe(err)}`);
  }
}

async function runUserOnStop(user: User): Promise<void> {
  user.renewSignalForStop();
  try {
    await user.onStop();
  } catch (err) {
    log.error(`Uncaught exception in on_stop: \n${describe(err)}`);
  }
}
