import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { ForcedStop, StopUser } from "../../../src/core/errors.ts";
import { User } from "../../../src/core/user/user.ts";

class Sleeper extends User {}

describe("User.sleep and a stop", () => {
  test("a forced stop rejects the sleep with a ForcedStop, which is a StopUser and the signal's reason", async () => {
    const user = new Sleeper(new Environment());
    const sleeping = user.sleep(60_000);
    user.requestStop(true);
    const reason = await sleeping.then(() => undefined, (err: unknown) => err);
    expect(reason).toBeInstanceOf(ForcedStop);
    expect(reason).toBeInstanceOf(StopUser);
    expect(reason).toBe(user.signal.reason);
  });

  test("a graceful stop lets the sleep finish: the task ends in its own time, as in Locust", async () => {
    const user = new Sleeper(new Environment());
    const sleeping = user.sleep(5);
    user.requestStop(false);
    expect(await sleeping).toBeUndefined();
  });

  test("onStop gets a fresh signal after a forced stop, so its sleeps and requests work", async () => {
    const user = new Sleeper(new Environment());
    user.requestStop(true);
    user.renewSignalForStop();
    expect(await user.sleep(1)).toBeUndefined();
  });
});
