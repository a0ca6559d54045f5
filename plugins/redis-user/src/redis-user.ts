import type { RedisOptions } from "bun";
import { LocustError, pickSettings, ProtocolUser } from "locust-bun";
import { KEY_PREFIX_OPTION } from "./key-prefix-option.ts";
import { TimedRedisClient } from "./timed-redis-client.ts";
import { isRedisUrl } from "./redis-url.ts";

/**
 * A user that load-tests Redis through `this.client` ({@link TimedRedisClient}, on Bun's built-in RedisClient).
 * The server is `--host` (or the class's `host`) when that is a `redis://`-style URL, else `static url`. Connects
 * before `onStart` (timed as `"connect"`) and closes when the user ends. Keys get the `--redis-key-prefix` (else
 * `static keyPrefix`).
 * @example
 * ```ts
 * export class CacheReader extends RedisUser {
 *   static override url = "redis://127.0.0.1:6379";
 *   waitTime = between(0.1, 0.5);
 *   @task async read() { await this.client.get(`page:${randomPage()}`, { name: "GET page:*" }); }
 * }
 * ```
 */
export class RedisUser extends ProtocolUser<TimedRedisClient> {
  static override abstract = true;
  /** Server used when `--host` is not a Redis URL, e.g. `"redis://127.0.0.1:6379/0"`. */
  static url?: string;
  /** Milliseconds a command may take before it is a counted failure (0 = no limit). */
  static timeout = 10_000;
  /** Put in front of every key the typed client methods send; `--redis-key-prefix` overrides it. */
  static keyPrefix = "";
  /** Bun RedisClient options, e.g. `{ tls: true }` or `{ connectionTimeout: 2000 }`. */
  static clientOptions: RedisOptions = {};

  protected override createClient(settings: typeof RedisUser): TimedRedisClient {
    const cliPrefix = this.environment.parsedOptions[KEY_PREFIX_OPTION];
    return new TimedRedisClient(this, {
      ...pickSettings(settings, ["timeout", "clientOptions"]),
      url: isRedisUrl(this.host) ? this.host : (settings.url ?? ""),
      keyPrefix: typeof cliPrefix === "string" && cliPrefix !== "" ? cliPrefix : settings.keyPrefix,
    });
  }

  /**
   * Connects (a refused connection is a counted failure, not a crash).
   * @throws LocustError when no server URL is set (a setup error).
   */
  override async beforeStart(): Promise<void> {
    if (!this.client.settings.url) {
      throw new LocustError("RedisUser has no server URL", {
        code: "REDIS_NO_URL",
        hint: 'Pass --host redis://127.0.0.1:6379 or set `static override url = "redis://127.0.0.1:6379"`',
      });
    }
    await super.beforeStart();
  }
}
