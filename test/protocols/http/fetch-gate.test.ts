import { expect, test } from "bun:test";
import { FETCH_LEASE_MS, FETCH_POOL_SIZE, FetchGate, defaultFetchGate, type FetchLease } from "../../../src/protocols/http/fetch-gate.ts";

test("the default gate matches Bun's 64-socket fetch pool and lets a request count for 100 ms", () => {
  expect([FETCH_POOL_SIZE, defaultFetchGate.limit, FETCH_LEASE_MS, defaultFetchGate.leaseMs]).toEqual([64, 64, 100, 100]);
});

test("slots are handed to waiters first in, first out", async () => {
  const gate = new FetchGate(2, Infinity);
  const [a, b, c] = [gate.tryAcquire(), gate.tryAcquire(), gate.tryAcquire()];
  expect([a !== null, b !== null, c]).toEqual([true, true, null]);
  const order: number[] = [];
  const leases: FetchLease[] = [];
  const waits = [1, 2, 3].map((n) => gate.acquire().then((lease) => (order.push(n), leases.push(lease))));
  expect(gate.queued).toBe(3);
  gate.release(a!);
  gate.release(b!);
  gate.release(b!); // a second release of the same lease frees nothing more
  await Promise.all(waits.slice(0, 2));
  expect([order, gate.active, gate.queued]).toEqual([[1, 2], 2, 1]);
  gate.release(leases[0]!);
  await waits[2];
  for (const lease of leases) gate.release(lease);
  expect([order, gate.active, gate.queued]).toEqual([[1, 2, 3], 0, 0]);
});

test("a request older than the lease stops counting, so a waiter goes ahead of a slow request", async () => {
  const gate = new FetchGate(1, 5);
  const slow = gate.tryAcquire()!;
  const granted = await gate.acquire();
  expect([gate.active, gate.queued, granted.start - slow.start >= 5]).toEqual([1, 0, true]);
  gate.release(slow); // the lapsed lease ends late: the slot it gave up is not given twice
  expect(gate.active).toBe(1);
  gate.release(granted);
  expect(gate.active).toBe(0);
});

test("an aborted waiter leaves the queue with the signal's reason; an aborted signal never queues", async () => {
  const gate = new FetchGate(1, Infinity);
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
  expect(Array.from({ length: 500 }, () => gate.tryAcquire()).every((lease) => lease !== null)).toBe(true);
});
