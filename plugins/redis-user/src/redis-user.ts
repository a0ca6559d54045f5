import type { RedisOptions } from "bun";
import { LocustError, User, type Environment } from "locust-bun";
import { KEY_PREFIX_OPTION } from "./key-prefix-option.ts";
import { TimedRedisClient } from "./timed-redis-client.ts";
import { isRedisUrl } from "./redis-url.ts";

/**
 * A user that load-tests Redis through `this.client` ({@link TimedRedisClient}, on Bun's built-in RedisClient).
 * The server is `--host` (or the class's `host`) when that is a `redis://`-style URL, else `static url`. Connects in
 * `onStart` (timed as `"connect"`), closes in `onStop`. Keys get the `--redis-key-prefix` (else `static keyPrefix`).
 * @example
 * ```ts
 * export class CacheReader extends RedisUser {
 *   static override url = "redis://127.0.0.1:6379";
 *   waitTime = between(0.1, 0.5);
 *   @task async read() { await this.client.get(`page:${randomPage()}`, { name: "GET page:*" }); }
 * }
 * ```
 */
export class RedisUser extends User {
  static override abstract = true;
  /** Server used when `--host` is not a Redis URL, e.g. `"redis://127.0.0.1:6379/0"`. */
  static url?: string;
  /** Milliseconds a command may take before it is a counted failure (0 = no limit). */
  static timeout = 10_000;
  /** Put in front of every key the typed client methods send; `--redis-key-prefix` overrides it. */
  static keyPrefix = "";
  /** Bun RedisClient options, e.g. `{ tls: true }` or `{ connectionTimeout: 2000 }`. */
  static clientOptions: RedisOptions = {};

  /** The timed Redis client of this user. */
  readonly client: TimedRedisClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof RedisUser;
    const cliPrefix = environment.parsedOptions[KEY_PREFIX_OPTION];
    this.client = new TimedRedisClient(this, {
      url: isRedisUrl(this.host) ? this.host : (cls.url ?? ""),
      timeout: cls.timeout,
      keyPrefix: typeof cliPrefix === "string" && cliPrefix !== "" ? cliPrefix : cls.keyPrefix,
      clientOptions: cls.clientOptions,
    });
  }

  /** Connects (a refused connection is a counted failure, not a crash); an override must call `super.onStart()`. */
  override async onStart(): Promise<void> {
    if (!this.client.settings.url) {
      throw new LocustError("RedisUser has no server URL", {
        code: "REDIS_NO_URL",
        hint: 'Pass --host redis://127.0.0.1:6379 or set `static override url = "redis://127.0.0.1:6379"`',
      });
    }
    await this.client.connect();
  }

  /** Closes the connection; an override must call `super.onStop()`. */
  override onStop(): void {
    this.client.close();
  }
}
