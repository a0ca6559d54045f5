/**
 * A user's keep-alive connections: per origin, at most `concurrency` sockets, idle ones reused most-recent first,
 * and a FIFO of requests waiting when all are busy.
 * @module
 */
import { Connection, type ConnectionOwner, type ConnectionSettings } from "./connection.ts";
import { type Origin, parseOrigin } from "./origin.ts";

interface Waiter {
  resolve(connection: Connection): void;
  reject(error: unknown): void;
}

/** The connections of one pool to one origin. */
export class OriginPool implements ConnectionOwner {
  readonly origin: Origin;
  readonly #settings: ConnectionSettings;
  readonly #concurrency: number;
  readonly #idle: Connection[] = [];
  readonly #all: Connection[] = [];
  #waiters: Waiter[] = [];
  #waiterHead = 0;

  constructor(origin: Origin, settings: ConnectionSettings) {
    this.origin = origin;
    this.#settings = settings;
    this.#concurrency = Math.max(1, settings.concurrency);
  }

  /** Open connections (idle, busy or connecting). */
  get size(): number {
    return this.#all.length;
  }

  /**
   * An idle connection, else a new one (still connecting; requests are written once it opens), else null when
   * `concurrency` connections are busy — then await {@link OriginPool.wait}. Called on the per-request path.
   */
  acquire(now: number, connectTimeoutMs = this.#settings.connectionTimeout * 1000): Connection | null {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#all.length >= this.#concurrency) return null;
    const connection = new Connection(this.origin, this.#settings, this);
    this.#all.push(connection);
    connection.connect(now, connectTimeoutMs);
    return connection;
  }

  /** Waits (first come, first served) for a connection to be released or a slot to free up. */
  wait(): Promise<Connection> {
    const { promise, resolve, reject } = Promise.withResolvers<Connection>();
    this.#waiters.push({ resolve, reject });
    return promise;
  }

  release(connection: Connection): void {
    const waiter = this.#nextWaiter();
    if (waiter !== undefined) waiter.resolve(connection);
    else this.#idle.push(connection);
  }

  discard(connection: Connection): void {
    removeItem(this.#all, connection);
    removeItem(this.#idle, connection);
    if (this.#waiterHead < this.#waiters.length) {
      const fresh = this.acquire(performance.now());
      if (fresh !== null) this.#nextWaiter()!.resolve(fresh);
    }
  }

  /** Fails every request in flight (and every waiter) with `reason`; idle connections stay. */
  abort(reason: Error): void {
    // Waiters first: a failing connection would otherwise hand its slot to the next waiter.
    this.#rejectWaiters(reason);
    for (const connection of [...this.#all]) if (connection.busy) connection.abort(reason);
  }

  /** Closes every connection; requests in flight fail. */
  close(reason: Error): void {
    this.#rejectWaiters(reason);
    for (const connection of [...this.#all]) connection.close();
    this.#idle.length = 0;
  }

  #nextWaiter(): Waiter | undefined {
    if (this.#waiterHead >= this.#waiters.length) return undefined;
    const waiter = this.#waiters[this.#waiterHead++];
    if (this.#waiterHead === this.#waiters.length) {
      this.#waiters = [];
      this.#waiterHead = 0;
    }
    return waiter;
  }

  #rejectWaiters(reason: Error): void {
    for (let waiter = this.#nextWaiter(); waiter !== undefined; waiter = this.#nextWaiter()) waiter.reject(reason);
  }
}

function removeItem<T>(items: T[], item: T): void {
  const at = items.indexOf(item);
  if (at >= 0) items.splice(at, 1);
}

/** All of a user's connections, one {@link OriginPool} per scheme/host/port. */
export class ConnectionPool {
  readonly #settings: ConnectionSettings;
  readonly #origins = new Map<string, OriginPool>();

  constructor(settings: ConnectionSettings) {
    this.#settings = settings;
  }

  /** The pool for `url`'s scheme, host and port, created on first use. */
  forUrl(url: URL): OriginPool {
    const key = url.protocol + url.host;
    let pool = this.#origins.get(key);
    if (pool === undefined) {
      pool = new OriginPool(parseOrigin(url), this.#settings);
      this.#origins.set(key, pool);
    }
    return pool;
  }

  /** Open connections over all origins. */
  get size(): number {
    let size = 0;
    for (const pool of this.#origins.values()) size += pool.size;
    return size;
  }

  /** Fails every request in flight with `reason`. */
  abort(reason: Error): void {
    for (const pool of this.#origins.values()) pool.abort(reason);
  }

  /** Closes every connection. */
  close(reason: Error): void {
    for (const pool of this.#origins.values()) pool.close(reason);
  }
}
