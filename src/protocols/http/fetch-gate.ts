import { createLogger } from "../../core/log.ts";

const log = createLogger("locust.http");

/** Bun's fetch keeps at most this many idle keep-alive sockets per process. */
export const FETCH_POOL_SIZE = 64;

/**
 * How long (ms) a request counts against the gate. Measured on Bun 1.4.5 with 200 fetch loops: responses taking
 * ~1 ms made fetch open a new connection for most requests, ~5 ms for 5% of them, 10 ms and more for none. But a
 * generator short of CPU stretches quick requests too: on a loaded 2-core machine, 200 users behind a 10 or 50 ms
 * lease made fetch open thousands of connections in 4 s, behind 100 ms none (64 in all).
 */
export const FETCH_LEASE_MS = 100;

/** A slot held by one request; `release` it when the request ends (a lapsed lease is released already). */
export interface FetchLease {
  readonly start: number;
}

interface Waiter {
  resolve(lease: FetchLease): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * A process-wide limit on *quick* fetches in flight. Bun's fetch pool keeps at most 64 idle sockets; with many
 * more quick requests in flight it opens and drops a connection per request and throughput falls by half or
 * more. Slow requests do not cause that (their completions are spread out), so a request counts against the
 * limit only for its first `leaseMs`: a slow or dead endpoint never holds slots that other users need, so
 * requests wait only behind quick ones. The caller starts its clock when the lease is granted, so the wait is
 * never part of a response time.
 */
export class FetchGate {
  /** Requests allowed to count at once; `Infinity` turns the gate off. Read on every acquire. */
  limit: number;
  /** How long a request counts against `limit`, ms. */
  leaseMs: number;
  /** Leases in the order they were granted, so the oldest comes first. */
  readonly #holders = new Set<FetchLease>();
  readonly #waiting: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #warned = false;

  constructor(limit = FETCH_POOL_SIZE, leaseMs = FETCH_LEASE_MS) {
    this.limit = limit;
    this.leaseMs = leaseMs;
  }

  /** Requests counting against the limit. */
  get active(): number {
    return this.#holders.size;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Grants a lease if a slot is free, else null. On the per-request path: one small object. */
  tryAcquire(now = performance.now()): FetchLease | null {
    if (this.#holders.size >= this.limit || this.#waiting.length > 0) return null;
    return this.#grant(now);
  }

  /** Waits for a lease; rejects with the signal's reason if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<FetchLease> {
    const lease = this.tryAcquire();
    if (lease) return Promise.resolve(lease);
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#warnOnce();
    return new Promise<FetchLease>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#drop(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#armExpiry();
    });
  }

  /** Ends a lease (again is harmless); the oldest waiter, if any, gets the slot. */
  release(lease: FetchLease): void {
    if (this.#holders.delete(lease)) this.#admit(performance.now());
  }

  #grant(now: number): FetchLease {
    const lease = { start: now };
    this.#holders.add(lease);
    return lease;
  }

  #admit(now: number): void {
    while (this.#holders.size < this.limit) {
      const next = this.#waiting.shift();
      if (!next) return;
      next.signal?.removeEventListener("abort", next.onAbort);
      next.resolve(this.#grant(now));
    }
  }

  /** Only while requests wait: one timer for the moment the oldest lease lapses. */
  #armExpiry(): void {
    if (this.#timer !== undefined || this.#waiting.length === 0) return;
    const oldest = this.#holders.values().next().value;
    if (!oldest || !Number.isFinite(this.leaseMs)) return;
    const delay = Math.max(0, oldest.start + this.leaseMs - performance.now());
    this.#timer = setTimeout(() => this.#expire(), delay);
  }

  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const lease of this.#holders) {
      if (now - lease.start < this.leaseMs) break;
      this.#holders.delete(lease);
    }
    this.#admit(now);
    this.#armExpiry();
  }

  #drop(waiter: Waiter): void {
    const index = this.#waiting.indexOf(waiter);
    if (index >= 0) this.#waiting.splice(index, 1);
    waiter.reject(waiter.signal?.reason);
  }

  #warnOnce(): void {
    if (this.#warned) return;
    this.#warned = true;
    log.warning(
      `More than ${this.limit} quick HttpUser requests are in flight; the rest wait for a slot (the wait is not part of their response times) because Bun's fetch keeps only ${FETCH_POOL_SIZE} pooled connections per process. FastHttpUser has no such limit.`,
    );
  }
}

/** The gate every HttpSession uses unless given another. */
export const defaultFetchGate = new FetchGate();
