import { createLogger } from "../../core/log.ts";

const log = createLogger("locust.http");

/** Bun's fetch keeps at most this many idle keep-alive sockets per process. */
export const FETCH_POOL_SIZE = 64;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * A process-wide limit on fetches in flight. Bun's fetch pool keeps at most 64 idle sockets; with more requests
 * in flight it opens and drops a connection per request and throughput falls by half or more. Holding extra
 * requests here keeps every request on a pooled keep-alive connection. Waiting counts toward a request's
 * response time (as waiting for a pooled connection does in Locust); `HttpResponse.elapsed` excludes it.
 */
export class FetchGate {
  /** Requests allowed in flight; `Infinity` turns the gate off. Read on every acquire, so it can change at run time. */
  limit: number;
  #active = 0;
  readonly #waiting: Waiter[] = [];
  #warned = false;

  constructor(limit = FETCH_POOL_SIZE) {
    this.limit = limit;
  }

  /** Requests holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Takes a slot if one is free. On the per-request path: allocates nothing. */
  tryAcquire(): boolean {
    if (this.#active >= this.limit || this.#waiting.length > 0) return false;
    this.#active++;
    return true;
  }

  /** Waits for a slot; rejects with the signal's reason if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#warnOnce();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#drop(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Gives a slot back; the oldest waiter, if any, takes it over. */
  release(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#active--;
      return;
    }
    next.signal?.removeEventListener("abort", next.onAbort);
    next.resolve();
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
      `More than ${this.limit} HttpUser requests are in flight; the rest queue (their wait counts in response times) because Bun's fetch keeps only ${FETCH_POOL_SIZE} pooled connections per process. FastHttpUser has no such limit.`,
    );
  }
}

/** The gate every HttpSession uses unless given another. */
export const defaultFetchGate = new FetchGate();
