import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { SCHEDULE_MARK } from "../../../src/core/stats/schedule-mark.ts";
import { markIfPaced, markScheduled } from "../../../src/core/user/schedule-context.ts";
import { User } from "../../../src/core/user/user.ts";
import { between, constantPacing, constantThroughput, pacingIntervalOf } from "../../../src/core/user/wait-time.ts";

class Named extends User {
  override context() {
    return { username: "ada" };
  }
}

describe("schedule marks on request contexts", () => {
  test("pacing functions know their interval; other wait times have none", () => {
    expect(pacingIntervalOf(constantPacing(2))).toBe(2000);
    expect(pacingIntervalOf(constantThroughput(4))).toBe(250);
    expect(pacingIntervalOf(between(1, 2))).toBe(0);
    expect(pacingIntervalOf(undefined)).toBe(0);
  });

  test("a paced user's contexts carry its mark (invisible to JSON), its own context() kept", () => {
    const user = new Named(new Environment());
    user.waitTime = constantThroughput(10);
    markIfPaced(user);
    const context = user.context() as Record<PropertyKey, unknown>;
    expect(Object.keys(context)).toEqual(["username"]);
    expect(JSON.stringify(context)).toBe('{"username":"ada"}');
    const mark = context[SCHEDULE_MARK];
    expect(mark).toEqual({ latenessMs: 0, intervalMs: 100 });
    // Protocols merge a request's own context over the user's with a spread, which keeps the mark.
    expect(({ ...context, extra: 1 } as Record<PropertyKey, unknown>)[SCHEDULE_MARK]).toBe(mark);
  });

  test("an unpaced user is left as it is, so the corrected listener is never attached", () => {
    const environment = new Environment();
    const user = new Named(environment);
    user.waitTime = between(0, 1);
    markIfPaced(user);
    expect(Object.hasOwn(user, "context")).toBe(false);
    environment.attachStats();
    environment.events.request.fire({ requestType: "GET", name: "/", responseTime: 3, responseLength: 0, context: user.context() });
    expect(environment.stats.numRequests).toBe(1);
    expect(environment.stats.corrected.hasSamples).toBe(false);
  });

  test("a frozen context from user code is returned unmarked rather than throwing", () => {
    class Frozen extends User {
      override context() {
        return Object.freeze({ id: 1 });
      }
    }
    const user = new Frozen(new Environment());
    markScheduled(user, 50);
    expect(Object.getOwnPropertySymbols(user.context())).toEqual([]);
  });
});
