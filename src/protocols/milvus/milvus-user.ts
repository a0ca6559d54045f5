import type { ClientConfig } from "@zilliz/milvus2-sdk-node";
import { User } from "../../core/user/user.ts";
import type { Environment } from "../../core/environment.ts";
import { MilvusCollectionClient } from "./client.ts";
import type { MilvusCollectionSchema, MilvusIndexParams } from "./collection-setup.ts";

/**
 * A user that load-tests Milvus through `this.client` ({@link MilvusCollectionClient}, on the official
 * `@zilliz/milvus2-sdk-node`). Settings are Locust's MilvusUser constructor arguments as static fields; `--host`
 * (or the class's `host`) overrides `uri`. With a `schema`, the first user to start creates the collection, its
 * `indexParams` indexes and loads it (once per process; an existing collection is left as it is).
 * @example
 * ```ts
 * export class Searcher extends MilvusUser {
 *   static override collectionName = "docs";
 *   @task async search() { await this.client.search([randomVector(128)], { annsField: "vec", limit: 10 }); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.milvus.MilvusUser
 */
export class MilvusUser extends User {
  static override abstract = true;
  /** Milvus address when no `--host` is given. */
  static uri = "http://localhost:19530";
  /** `"user:password"` or an API key; empty for none. */
  static token = "root:Milvus";
  static collectionName = "test_collection";
  static dbName = "default";
  /** Seconds each call may take. */
  static timeout = 60;
  /** When set, the collection is created with it at start (if missing). */
  static schema?: MilvusCollectionSchema;
  /** Indexes created with the collection (then the collection is loaded). */
  static indexParams?: MilvusIndexParams;
  /** A search or query that finds nothing counts as a failure (Locust: it does not). */
  static emptyIsFailure = false;
  /** More SDK client options (TLS, channel options, …). */
  static clientOptions?: Partial<ClientConfig>;

  /** The timed Milvus client of this user. */
  readonly client: MilvusCollectionClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof MilvusUser;
    this.client = new MilvusCollectionClient(this, {
      uri: this.host || cls.uri,
      token: cls.token,
      collectionName: cls.collectionName,
      dbName: cls.dbName,
      timeout: cls.timeout,
      emptyIsFailure: cls.emptyIsFailure,
      clientOptions: cls.clientOptions,
    });
  }

  /** Connects (timed as `"connect"`) and creates the collection if a schema is set; overrides call `super.onStart()`. */
  override async onStart(): Promise<void> {
    await this.client.connect();
    const cls = this.constructor as typeof MilvusUser;
    if (cls.schema) await this.client.ensureCollection(cls.schema, cls.indexParams);
  }

  /** Closes the connection; an override must call `super.onStop()`. */
  override async onStop(): Promise<void> {
    await this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override async dispose(): Promise<void> {
    await this.client.close();
  }
}
