import type { MongoClientOptions } from "mongodb";
import { LocustError } from "../../core/errors.ts";
import { User } from "../../core/user/user.ts";
import type { Environment } from "../../core/environment.ts";
import { MongoDBClient } from "./client.ts";

const MONGODB_URL = /^mongodb(\+srv)?:\/\//i;

/**
 * A user that load-tests MongoDB through `this.client` ({@link MongoDBClient}, on the official `mongodb` driver).
 * The connection string is `--host` (or the class's `host`) when that is a `mongodb://` / `mongodb+srv://` URL,
 * else `static connString`. Connects in `onStart`, closes in `onStop`.
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
export class MongoDBUser extends User {
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

  /** The timed MongoDB client of this user. */
  readonly client: MongoDBClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof MongoDBUser;
    const connString = this.host && MONGODB_URL.test(this.host) ? this.host : (cls.connString ?? "");
    this.client = new MongoDBClient(this, { connString, dbName: cls.dbName, clientOptions: cls.clientOptions });
  }

  /** Connects (timed as `"connect"`); an override must call `super.onStart()`. */
  override async onStart(): Promise<void> {
    if (!this.client.settings.connString) {
      throw new LocustError("MongoDBUser has no connection string", {
        code: "MONGODB_NO_CONNECTION_STRING",
        hint: 'Set `static override connString = "mongodb://127.0.0.1:27017"` or pass --host mongodb://…',
      });
    }
    await this.client.connect();
  }

  /** Closes the driver's connections; an override must call `super.onStop()`. */
  override async onStop(): Promise<void> {
    await this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override async dispose(): Promise<void> {
    await this.client.close();
  }
}
