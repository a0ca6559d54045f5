import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import type { ClientConfig } from "@zilliz/milvus2-sdk-node";
import { MilvusCollectionClient } from "./client.ts";
import type { MilvusCollectionSchema, MilvusIndexParams } from "./collection-setup.ts";

const SETTINGS = ["token", "collectionName", "dbName", "timeout", "emptyIsFailure", "clientOptions"] as const;

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
export class MilvusUser extends ProtocolUser<MilvusCollectionClient> {
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

  protected override createClient(settings: typeof MilvusUser): MilvusCollectionClient {
    return new MilvusCollectionClient(this, { ...pickSettings(settings, SETTINGS), uri: this.host || settings.uri });
  }

  /** Connects (timed as `"connect"`) and creates the collection if the class sets a `schema`. */
  override async beforeStart(): Promise<void> {
    await super.beforeStart();
    const settings = this.constructor as typeof MilvusUser;
    if (settings.schema) await this.client.ensureCollection(settings.schema, settings.indexParams);
  }
}
