import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import type { MongoClientOptions } from "mongodb";
import { LocustError } from "../../core/errors.ts";
import { MongoDBClient } from "./client.ts";

const MONGODB_URL = /^mongodb(\+srv)?:\/\//i;

const SETTINGS = ["dbName", "clientOptions"] as const;

/**
 * A user that load-tests MongoDB through `this.client` ({@link MongoDBClient}, on the official `mongodb` driver).
 * The connection string is `--host` (or the class's `host`) when that is a `mongodb://` / `mongodb+srv://` URL,
 * else `static connString`. Connects before `onStart`, closes when the user ends.
 * @example
 * ```ts
 * export class Shopper extends MongoDBUser {
 *   static override connString = "mongodb://127.0.0.1:27017";
 *   static override dbName = "shop";
 *   @task async browse() { await this.client.find("products", { inStock: true }, { limit: 20 }); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.mongodb.MongoDBUser
 */
export class MongoDBUser extends ProtocolUser<MongoDBClient> {
  static override abstract = true;
  /** Connection string used when `--host` is not a mongodb URL. */
  static connString?: string;
  /** Database of every operation; default: the connection string's, else `"test"`. */
  static dbName?: string;
  /**
   * Driver options. `serverSelectionTimeoutMS` and `connectTimeoutMS` default to 5000 and `socketTimeoutMS` to 60000,
   * so an unreachable or stalled server is a counted failure, not a hang.
   */
  static clientOptions: MongoClientOptions = {};

  protected override createClient(settings: typeof MongoDBUser): MongoDBClient {
    const connString = this.host && MONGODB_URL.test(this.host) ? this.host : (settings.connString ?? "");
    return new MongoDBClient(this, { ...pickSettings(settings, SETTINGS), connString });
  }

  /**
   * Connects (timed as `"connect"`).
   * @throws LocustError when there is no connection string (a setup error).
   */
  override async beforeStart(): Promise<void> {
    if (!this.client.settings.connString) {
      throw new LocustError("MongoDBUser has no connection string", {
        code: "MONGODB_NO_CONNECTION_STRING",
        hint: 'Set `static override connString = "mongodb://127.0.0.1:27017"` or pass --host mongodb://…',
      });
    }
    await super.beforeStart();
  }
}
