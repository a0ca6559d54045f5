import { afterEach, describe, expect, test } from "bun:test";
import { RescheduleTask, StopUser } from "../../../src/core/errors.ts";
import { EventHook } from "../../../src/core/events/event-hook.ts";
import { RequestHook, type RequestEvent } from "../../../src/core/events/request-hook.ts";
import { configureLogging, hasUnhandledError, resetLogState } from "../../../src/core/log.ts";

const logged: string[] = [];
configureLogging({ write: (line) => void logged.push(line) });
afterEach(() => {
  resetLogState();
  logged.length = 0;
});

describe("EventHook", () => {
  test("calls listeners in registration order, or reversed, and removeListener drops one", () => {
    const hook = new EventHook<{ n: number }>();
    const calls: string[] = [];
    const a = hook.addListener(({ n }) => calls.push(`a${n}`));
    hook.addListener(({ n }) => calls.push(`b${n}`));
    hook.fire({ n: 1 });
    hook.fire({ n: 2 }, true);
    hook.removeListener(a);
    hook.fire({ n: 3 });
    expect(calls).toEqual(["a1", "b1", "b2", "a2", "b3"]);
  });

  test("a throwing listener is logged, flags exit code 2, and the next listener still runs", () => {
    const hook = new EventHook<Record<string, never>>();
    let ran = false;
    hook.addListener(() => {
      throw new Error("listener broke");
    });
    hook.addListener(() => void (ran = true));
    hook.fire({});
    expect(ran).toBe(true);
    expect(hasUnhandledError()).toBe(true);
    expect(logged.join("")).toContain("Uncaught exception in event handler: Error: listener broke");
  });

  test.each([new StopUser(), new RescheduleTask()])("control-flow exceptions (%p) propagate to the firer", (err) => {
    const hook = new EventHook<Record<string, never>>();
    hook.addListener(() => {
      throw err;
    });
    expect(() => hook.fire({})).toThrow(err);
    expect(hasUnhandledError()).toBe(false);
  });
});

describe("RequestHook.measure", () => {
  function collect() {
    const hook = new RequestHook();
    const events: RequestEvent[] = [];
    hook.addListener((event) => void events.push(event));
    return { hook, events };
  }

  test("times the block, fires one event with every meta key, and returns the block's result", async () => {
    const { hook, events } = collect();
    const result = await hook.measure("redis", "GET user", async (meta) => {
      await Bun.sleep(5);
      meta.responseLength = 42;
      meta.extra = "kept";
      return "value";
    }, { context: { user: 1 } });
    expect(result).toBe("value");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ requestType: "redis", name: "GET user", responseLength: 42, exception: null, context: { user: 1 }, extra: "kept" });
    expect(events[0]!.responseTime).toBeGreaterThanOrEqual(4);
    expect(events[0]!.startTime).toBeCloseTo(Date.now() / 1000, 0);
  });

  test("a thrown error becomes the request's exception and is swallowed, as in Locust", async () => {
    const { hook, events } = collect();
    const boom = new Error("down");
    const result = await hook.measure("db", "query", () => {
      throw boom;
    });
    expect(result).toBeUndefined();
    expect(events[0]!.exception).toBe(boom);
  });

  test("with the user's signal, a failure caused by its abort is re-thrown and not reported", async () => {
    const { hook, events } = collect();
    const controller = new AbortController();
    const pending = hook.measure("db", "slow", () => new Promise((_, reject) => controller.signal.addEventListener("abort", () => reject(new Error("aborted")))), {
      signal: controller.signal,
    });
    controller.abort(new Error("user stopped"));
    await expect(pending).rejects.toThrow("user stopped");
    expect(events).toHaveLength(0);
  });
});
