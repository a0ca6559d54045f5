/**
 * @module TimedRedisClient: Redis commands on Bun's built-in client, each timed and reported through
 * `events.request` (type `"REDIS"`, name = the command), never throwing a Redis fault into the user's task.
 */
import { RedisClient, type RedisOptions } from "bun";
import type { ClientOwner } from "locust-bun";
import { DeadlinePassed, raceDeadline } from "./race-deadline.ts";
import { RedisConnectionError, RedisTimeoutError, isConnectionFault } from "./redis-errors.ts";
import { formatRedisUrl } from "./redis-url.ts";
import { countReplyBytes } from "./reply-bytes.ts";

/** The request type of every Redis operation in the statistics. */
export const REDIS_REQUEST_TYPE = "REDIS";

/** A value Redis stores: numbers are sent as their decimal text. */
export type RedisValue = string | number | Uint8Array;

/** What a {@link TimedRedisClient} needs from its user: events to report to, the abort signal, the request context. */
export type RedisClientOwner = ClientOwner;

/** Where and how a {@link TimedRedisClient} connects. */
export interface TimedRedisClientSettings {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`, `valkey://`, `redis+unix://`…). */
  url: string;
  /** Milliseconds a command (with the connect it may need) may take before it fails; 0 = no limit. Default 10 000. */
  timeout?: number;
  /** Put in front of every key the typed methods send (not `command()` arguments: use {@link TimedRedisClient.key}). */
  keyPrefix?: string;
  /** Bun RedisClient options, merged over `{ autoReconnect: false, connectionTimeout: 5000 }`. */
  clientOptions?: RedisOptions;
}

/** Per-operation options. */
export interface RedisRequestOptions {
  /** Statistics name instead of the command, e.g. `"GET user:*"` to group many keys in one row. */
  name?: string;
  /** Overrides the client's `timeout` for this operation (ms; 0 = no limit). */
  timeout?: number;
}

/**
 * Bun's own reconnect retries about 20 times with back-off (~30 s against a closed port) while commands wait in
 * its offline queue: a down server would stall users instead of counting failures. We reconnect on next use.
 */
const DEFAULT_CLIENT_OPTIONS: RedisOptions = { autoReconnect: false, connectionTimeout: 5000 };
const DEFAULT_TIMEOUT_MS = 10_000;
/** Bun reports its own connect timeout as "Connection closed"; ours fires this much earlier, so it reads as one. */
const CONNECT_TIMER_LEAD_MS = 1000;

/**
 * Redis operations, each reported as request type `"REDIS"`, name = the upper-case command (`"GET"`, `"HSET"`) or
 * the `name` option, response length = bytes of string data in the reply (see `countReplyBytes`). An error reply
 * (`WRONGTYPE …`), a connection that cannot be made or is lost, and a timeout are counted failures, and the
 * operation resolves to `undefined`. Connects lazily: the first operation after a failure connects again.
 * @example
 * ```ts
 * await this.client.set(`user:${id}`, JSON.stringify(profile), { name: "SET user:*" });
 * const hits = await this.client.incr("hits");
 * ```
 */
export class TimedRedisClient {
  readonly settings: TimedRedisClientSettings;
  readonly #owner: RedisClientOwner;
  #redis: RedisClient | undefined;
  #connecting: Promise<RedisClient> | undefined;

  constructor(owner: RedisClientOwner, settings: TimedRedisClientSettings) {
    this.#owner = owner;
    this.settings = settings;
  }

  /** `key` with the key prefix in front, for keys passed to {@link command}. */
  key(key: string): string {
    return (this.settings.keyPrefix ?? "") + key;
  }

  /** Whether a connection is open now. */
  get connected(): boolean {
    return this.#redis?.connected ?? false;
  }

  /** Connects, reported as `"connect"` (a refused or failed connection is a counted failure). No-op when connected. */
  async connect(): Promise<void> {
    if (!this.connected) await this.#run("connect", undefined, async () => null);
  }

  /** Closes the connection; safe to call at any time. Commands still waiting fail (and are counted). */
  close(): void {
    const redis = this.#redis;
    this.#redis = undefined;
    this.#connecting = undefined;
    redis?.close();
  }

  /** GET: the value or null; length = bytes of the value. */
  get(key: string, options?: RedisRequestOptions): Promise<string | null | undefined> {
    return this.#run("GET", options, (redis) => redis.get(this.key(key)));
  }

  /** SET, with an optional time to live in seconds (`ex`); resolves to `"OK"`. */
  set(key: string, value: RedisValue, options?: RedisRequestOptions & { ex?: number }): Promise<"OK" | undefined> {
    const data = toKeyLike(value);
    const ex = options?.ex;
    return this.#run("SET", options, (redis) => (ex ? redis.set(this.key(key), data, "EX", ex) : redis.set(this.key(key), data)));
  }

  /** DEL of one or more keys; resolves to the number removed. */
  del(keys: string | readonly string[], options?: RedisRequestOptions): Promise<number | undefined> {
    const list = typeof keys === "string" ? [this.key(keys)] : keys.map((key) => this.key(key));
    return this.#run("DEL", options, (redis) => redis.del(...list));
  }

  /** INCR; resolves to the new value. */
  incr(key: string, options?: RedisRequestOptions): Promise<number | undefined> {
    return this.#run("INCR", options, (redis) => redis.incr(this.key(key)));
  }

  /** HGET: the field's value or null; length = bytes of the value. */
  hget(key: string, field: string, options?: RedisRequestOptions): Promise<string | null | undefined> {
    return this.#run("HGET", options, (redis) => redis.hget(this.key(key), field));
  }

  /** HSET of one or more fields; resolves to the number of fields added. */
  hset(key: string, fields: Record<string, RedisValue>, options?: RedisRequestOptions): Promise<number | undefined> {
    const entries = Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, toKeyLike(value)]));
    return this.#run("HSET", options, (redis) => redis.hset(this.key(key), entries));
  }

  /** LPUSH of one or more values; resolves to the list's new length. */
  lpush(key: string, values: RedisValue | readonly RedisValue[], options?: RedisRequestOptions): Promise<number | undefined> {
    const [first, ...rest] = (Array.isArray(values) ? values : [values]).map(toKeyLike);
    return this.#run("LPUSH", options, (redis) => redis.lpush(this.key(key), first!, ...rest));
  }

  /** RPOP: the last element or null; length = bytes of the element. */
  rpop(key: string, options?: RedisRequestOptions): Promise<string | null | undefined> {
    return this.#run("RPOP", options, (redis) => redis.rpop(this.key(key)));
  }

  /**
   * Any command, e.g. `command("ZADD", [client.key("board"), 10, "ann"])`. Named after the command (upper case);
   * arguments are sent as given, so prefix keys yourself with {@link key}.
   */
  command<T = unknown>(name: string, args: readonly (string | number)[] = [], options?: RedisRequestOptions): Promise<T | undefined> {
    const command = name.toUpperCase();
    const text = args.map(String);
    return this.#run(command, options, (redis) => redis.send(command, text) as Promise<T>);
  }

  /** Times `call` (with the connect it may need) and reports it, unless the user's signal aborted it. */
  #run<T>(command: string, options: RedisRequestOptions | undefined, call: (redis: RedisClient) => Promise<T>): Promise<T | undefined> {
    const signal = this.#owner.signal;
    const timeout = options?.timeout ?? this.settings.timeout ?? DEFAULT_TIMEOUT_MS;
    const measureOptions = { signal, context: this.#owner.context() };
    return this.#owner.environment.events.request.measure(REDIS_REQUEST_TYPE, options?.name ?? command, async (meta) => {
      const explain = (error: unknown) => Promise.reject(this.#explain(command, timeout, error));
      const reply = await raceDeadline(this.#send(call), timeout, signal).catch(explain);
      meta.responseLength = countReplyBytes(reply);
      return reply;
    }, measureOptions);
  }

  #send<T>(call: (redis: RedisClient) => Promise<T>): Promise<T> {
    const redis = this.#redis;
    if (redis?.connected) return call(redis);
    return this.#open().then(call);
  }

  /** One connect at a time: concurrent operations of the same user share it. */
  #open(): Promise<RedisClient> {
    if (this.#connecting) return this.#connecting;
    const connecting = this.#connectFresh().finally(() => {
      if (this.#connecting === connecting) this.#connecting = undefined; // a close() may have started a newer one
    });
    this.#connecting = connecting;
    return connecting;
  }

  async #connectFresh(): Promise<RedisClient> {
    this.#redis?.close();
    const options = { ...DEFAULT_CLIENT_OPTIONS, ...this.settings.clientOptions };
    const connectMs = options.connectionTimeout ?? 0;
    let redis: RedisClient | undefined;
    try {
      // The constructor throws for a URL Bun cannot use: that too is reported as this server's connect failure.
      redis = new RedisClient(this.settings.url, connectMs > 0 ? { ...options, connectionTimeout: connectMs + CONNECT_TIMER_LEAD_MS } : options);
      this.#redis = redis;
      await raceDeadline(redis.connect(), connectMs, this.#owner.signal);
      return redis;
    } catch (error) {
      if (this.#redis === redis) this.#redis = undefined;
      redis?.close();
      const url = formatRedisUrl(this.settings.url);
      if (error instanceof DeadlinePassed) throw new RedisTimeoutError(`cannot connect to ${url} within ${connectMs} ms (connectionTimeout)`);
      const reason = error instanceof Error ? error.message : String(error);
      throw new RedisConnectionError(`cannot connect to ${url}: ${reason}`, { cause: error });
    }
  }

  /** Turns a failure into the exception to report, and drops a connection that can no longer be trusted. */
  #explain(command: string, timeout: number, error: unknown): unknown {
    if (error instanceof DeadlinePassed) {
      // The late reply would arrive on this connection ahead of the next command's: start over on a new one.
      this.close();
      return new RedisTimeoutError(`${command} got no reply from ${formatRedisUrl(this.settings.url)} within ${timeout} ms`);
    }
    if (isConnectionFault(error)) {
      this.close();
      const reason = (error as Error).message;
      return new RedisConnectionError(`connection to ${formatRedisUrl(this.settings.url)} lost: ${reason}`, { cause: error });
    }
    return error;
  }
}

function toKeyLike(value: RedisValue): string | Uint8Array {
  return typeof value === "number" ? String(value) : value;
}
