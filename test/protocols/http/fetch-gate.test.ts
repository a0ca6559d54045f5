import { expect, test } from "bun:test";
import { FETCH_POOL_SIZE, FetchGate, defaultFetchGate } from "../../../src/protocols/http/index.ts";

test("the default gate matches Bun's 64-socket fetch pool", () => {
  expect([FETCH_POOL_SIZE, defaultFetchGate.limit]).toEqual([64, 64]);
});

test("slots are handed to waiters first in, first out", async () => {
  const gate = new FetchGate(2);
  expect([gate.tryAcquire(), gate.tryAcquire(), gate.tryAcquire()]).toEqual([true, true, false]);
  const order: number[] = [];
  const waits = [1, 2, 3].map((n) => gate.acquire().then(() => order.push(n)));
  expect(gate.queued).toBe(3);
  gate.release();
  gate.release();
  await Promise.all(waits.slice(0, 2));
  expect([order, gate.active, gate.queued]).toEqual([[1, 2], 2, 1]);
  gate.release();
  await waits[2];
  gate.release();
  gate.release();
  expect([order, gate.active, gate.queued]).toEqual([[1, 2, 3], 0, 0]);
});

test("an aborted waiter leaves the queue with the signal's reason; an aborted signal never queues", async () => {
  const gate = new FetchGate(1);
  gate.tryAcquire();
  const controller = new AbortController();
  const waiting = gate.acquire(controller.signal);
  controller.abort(new Error("stopped"));
  await expect(waiting).rejects.toThrow("stopped");
  await expect(gate.acquire(controller.signal)).rejects.toThrow("stopped");
  expect(gate.queued).toBe(0);
});

test("a limit of Infinity turns the gate off", () => {
  const gate = new FetchGate(Infinity);
  expect(Array.from({ length: 500 }, () => gate.tryAcquire()).every(Boolean)).toBe(true);
});
