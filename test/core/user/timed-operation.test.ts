import { expect, test } from "bun:test";
import { Events } from "../../../src/core/events/events.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { timeOperation, type ClientOwner } from "../../../src/core/user/timed-operation.ts";

function owner(): ClientOwner & { events: RequestEvent[]; abort: AbortController } {
  const events = new Events();
  const seen: RequestEvent[] = [];
  events.request.addListener((e) => void seen.push(e));
  const abort = new AbortController();
  return { environment: { events }, signal: abort.signal, context: () => ({ user: 7 }), events: seen, abort };
}

test("a successful operation reports its length and the context read when the event fires", async () => {
  const o = owner();
  let connectionId = "";
  const ok = await timeOperation(o, "X", "op", async (meta) => {
    meta.length = 12;
    connectionId = "c1";
  }, () => ({ ...o.context(), connectionId }));
  expect(ok).toBe(true);
  expect(o.events).toHaveLength(1);
  expect(o.events[0]).toMatchObject({ requestType: "X", name: "op", responseLength: 12, exception: null, context: { user: 7, connectionId: "c1" } });
  expect(o.events[0]!.responseTime).toBeGreaterThanOrEqual(0);
});

test("a failing operation is reported with its error and resolves false", async () => {
  const o = owner();
  const err = new Error("refused");
  expect(await timeOperation(o, "X", "op", async () => Promise.reject(err))).toBe(false);
  expect(o.events[0]!.exception).toBe(err);
});

test("an abort of the owner's signal rejects with its reason and reports nothing", async () => {
  const o = owner();
  const pending = timeOperation(o, "X", "op", () => new Promise(() => {}));
  o.abort.abort(new Error("stopping"));
  await expect(pending).rejects.toThrow("stopping");
  await expect(timeOperation(o, "X", "op", async () => {})).rejects.toThrow("stopping");
  expect(o.events).toHaveLength(0);
});
