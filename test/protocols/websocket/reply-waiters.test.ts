import { expect, test } from "bun:test";
import { ReplyWaiters } from "../../../src/protocols/websocket/reply-waiters.ts";

const live = () => new AbortController().signal;

test("each message answers the oldest waiter that accepts it, and only one", async () => {
  const waiters = new ReplyWaiters();
  const first = waiters.wait((m) => String(m).startsWith("a"), 1000, live());
  const second = waiters.wait((m) => String(m).startsWith("a"), 1000, live());
  const other = waiters.wait((m) => m === "b", 1000, live());
  expect(waiters.deliver("zzz")).toBe(false);
  expect(waiters.deliver("a1")).toBe(true);
  expect(waiters.deliver("b")).toBe(true);
  expect(waiters.deliver("a2")).toBe(true);
  expect(await Promise.all([first, second, other])).toEqual(["a1", "a2", "b"]);
  expect(waiters.deliver("a3")).toBe(false);
});

test("a waiter without a reply in time rejects and stops matching", async () => {
  const waiters = new ReplyWaiters();
  await expect(waiters.wait(() => true, 5, live())).rejects.toThrow("No matching reply within 5 ms");
  expect(waiters.deliver("late")).toBe(false);
});

test("an aborted signal rejects the waiter with its reason and removes it", async () => {
  const waiters = new ReplyWaiters();
  const controller = new AbortController();
  const waiting = waiters.wait(() => true, 1000, controller.signal);
  controller.abort(new Error("stopped"));
  await expect(waiting).rejects.toThrow("stopped");
  expect(waiters.deliver("late")).toBe(false);
});

test("a throwing matcher fails only its own request", async () => {
  const waiters = new ReplyWaiters();
  const broken = waiters.wait(() => JSON.parse("{not json") as boolean, 1000, live());
  const fine = waiters.wait(() => true, 1000, live());
  expect(waiters.deliver("x")).toBe(true);
  await expect(broken).rejects.toThrow(SyntaxError);
  expect(await fine).toBe("x");
});

test("failAll rejects every waiter with the given error", async () => {
  const waiters = new ReplyWaiters();
  const all = [waiters.wait(() => true, 1000, live()), waiters.wait(() => true, 1000, live())];
  waiters.failAll(new Error("closed"));
  for (const waiting of all) await expect(waiting).rejects.toThrow("closed");
});
