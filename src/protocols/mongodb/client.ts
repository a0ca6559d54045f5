/**
 * @module MongoDBClient: MongoDB operations through the official driver, each timed to its real completion and
 * reported through `events.request`.
 */
import type * as Mongo from "mongodb";
import { LocustError } from "../../core/errors.ts";
import { importMongoDB, type MongoDBModule } from "./import-mongodb.ts";
import { MONGODB_REQUEST_TYPE, formatMongoRequestName, type MongoOperation } from "./names.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

/** What this client needs from its user (a `User` fits). */
export type MongoDBClientOwner = ClientOwner;

/** Where and how a {@link MongoDBClient} connects. */
export interface MongoDBClientSettings {
  /** `mongodb://…` or `mongodb+srv://…` connection string. */
  connString: string;
  /** Database of every operation; default: the one in the connection string, else `"test"` (the driver's). */
  dbName?: string;
  /** Driver options, merged over `serverSelectionTimeoutMS: 5000, connectTimeoutMS: 5000, socketTimeoutMS: 60000`. */
  clientOptions?: Mongo.MongoClientOptions;
}

/** Per-operation option: the statistics name, instead of `"<operation> <collection>"`. */
export interface MongoRequestOptions {
  requestName?: string;
}

/**
 * A server that is down is a counted failure after 5 s, and one that stops answering after 60 s (the driver may
 * retry a read once on a new connection), never a hang.
 */
const DEFAULT_CLIENT_OPTIONS = { serverSelectionTimeoutMS: 5000, connectTimeoutMS: 5000, socketTimeoutMS: 60_000 };

type Counter<T> = (result: T) => number;
const countDocuments: Counter<unknown[]> = (documents) => documents.length;
const countOne: Counter<unknown> = (document) => (document ? 1 : 0);
const countUpdated: Counter<Mongo.UpdateResult> = (result) => result.modifiedCount + result.upsertedCount;
const countDeleted: Counter<Mongo.DeleteResult> = (result) => result.deletedCount;

/**
 * MongoDB operations, each reported as request type `"MONGODB"` and name `"<operation> <collection>"` (e.g.
 * `"find users"`) with response length = documents returned (reads), inserted, modified + upserted (updates),
 * deleted, or counted (`countDocuments`). `find` and `aggregate` are timed until every document has arrived
 * (`toArray()`), not just until the lazy cursor exists (Locust's MongoDBUser measures only the latter).
 * A driver or server error is a counted failure and the operation resolves to `undefined`.
 * @example
 * ```ts
 * const users = await this.client.find("users", { age: { $gt: 30 } }, { limit: 10 });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.mongodb.MongoDBUser
 */
export class MongoDBClient {
  readonly settings: MongoDBClientSettings;
  readonly #owner: MongoDBClientOwner;
  #client: Mongo.MongoClient | undefined;
  #db: Mongo.Db | undefined;
  #driver: MongoDBModule | undefined;

  constructor(owner: MongoDBClientOwner, settings: MongoDBClientSettings) {
    this.#owner = owner;
    this.settings = settings;
  }

  /**
   * Loads the driver, creates the MongoClient and connects, reported as `"connect"`. A server that cannot be
   * reached is a counted failure, and the client is dropped (the driver closes it for good after a failed connect),
   * so the next operation connects again. Safe to call twice.
   */
  async connect(): Promise<void> {
    if (this.#client) return;
    const client = await this.#createClient();
    const drop = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#db = undefined;
      client.close().catch(() => {});
    };
    const connected = await this.#timed("connect", () => client.connect().then(() => true), () => 0).catch((err: unknown) => {
      drop();
      throw err;
    });
    if (connected !== true) drop();
  }

  /** Closes the driver's connections; safe to call when never connected. */
  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#db = undefined;
    await client?.close();
  }

  /** The database, for untimed setup work (seeding, indexes). Only after `connect()`. */
  get db(): Mongo.Db {
    if (!this.#db) throw new Error("MongoDBClient is not connected: call connect() (a MongoDBUser does)");
    return this.#db;
  }

  /** Finds documents and fetches them all; length = documents returned. */
  find<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T> = {},
    options: Mongo.FindOptions & MongoRequestOptions = {},
  ): Promise<Mongo.WithId<T>[] | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).find(filter, driverOptions).toArray();
    return this.#operation("find", collection, requestName, run, countDocuments);
  }

  /** Finds one document (or null); length = 1 or 0. */
  findOne<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T> = {},
    options: Mongo.FindOptions & MongoRequestOptions = {},
  ): Promise<Mongo.WithId<T> | null | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).findOne(filter, driverOptions);
    return this.#operation("findOne", collection, requestName, run, countOne);
  }

  /** Inserts one document; length = 1. */
  insertOne<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    document: Mongo.OptionalUnlessRequiredId<T>,
    options: Mongo.InsertOneOptions & MongoRequestOptions = {},
  ): Promise<Mongo.InsertOneResult<T> | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).insertOne(document, driverOptions);
    return this.#operation("insertOne", collection, requestName, run, () => 1);
  }

  /** Inserts documents; length = documents inserted. */
  insertMany<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    documents: Mongo.OptionalUnlessRequiredId<T>[],
    options: Mongo.BulkWriteOptions & MongoRequestOptions = {},
  ): Promise<Mongo.InsertManyResult<T> | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).insertMany(documents, driverOptions);
    return this.#operation("insertMany", collection, requestName, run, (result) => result.insertedCount);
  }

  /** Updates the first matching document; length = modified + upserted. */
  updateOne<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T>,
    update: Mongo.UpdateFilter<T> | Mongo.Document[],
    options: Mongo.UpdateOptions & MongoRequestOptions = {},
  ): Promise<Mongo.UpdateResult<T> | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).updateOne(filter, update, driverOptions);
    return this.#operation("updateOne", collection, requestName, run, countUpdated);
  }

  /** Updates every matching document; length = modified + upserted. */
  updateMany<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T>,
    update: Mongo.UpdateFilter<T> | Mongo.Document[],
    options: Mongo.UpdateOptions & MongoRequestOptions = {},
  ): Promise<Mongo.UpdateResult<T> | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).updateMany(filter, update, driverOptions);
    return this.#operation("updateMany", collection, requestName, run, countUpdated);
  }

  /** Deletes the first matching document; length = documents deleted. */
  deleteOne<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T> = {},
    options: Mongo.DeleteOptions & MongoRequestOptions = {},
  ): Promise<Mongo.DeleteResult | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).deleteOne(filter, driverOptions);
    return this.#operation("deleteOne", collection, requestName, run, countDeleted);
  }

  /** Deletes every matching document; length = documents deleted. */
  deleteMany<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T> = {},
    options: Mongo.DeleteOptions & MongoRequestOptions = {},
  ): Promise<Mongo.DeleteResult | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).deleteMany(filter, driverOptions);
    return this.#operation("deleteMany", collection, requestName, run, countDeleted);
  }

  /** Runs a pipeline and fetches every result; length = documents returned. */
  aggregate<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    pipeline: Mongo.Document[],
    options: Mongo.AggregateOptions & MongoRequestOptions = {},
  ): Promise<T[] | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection(collection).aggregate<T>(pipeline, driverOptions).toArray();
    return this.#operation("aggregate", collection, requestName, run, countDocuments);
  }

  /** Counts matching documents; length = the count. */
  countDocuments<T extends Mongo.Document = Mongo.Document>(
    collection: string,
    filter: Mongo.Filter<T> = {},
    options: Mongo.CountDocumentsOptions & MongoRequestOptions = {},
  ): Promise<number | undefined> {
    const { requestName, ...driverOptions } = options;
    const run = (db: Mongo.Db) => db.collection<T>(collection).countDocuments(filter, driverOptions);
    return this.#operation("countDocuments", collection, requestName, run, (count) => count);
  }

  /**
   * Times any driver work under `name` (e.g. a bulkWrite or a transaction); length from `count` (default 0).
   * @example await this.client.execute("bulk orders", (db) => db.collection("orders").bulkWrite(ops));
   */
  async execute<T>(name: string, run: (db: Mongo.Db) => Promise<T>, count: Counter<T> = () => 0): Promise<T | undefined> {
    if (!this.#client) await this.connect();
    return this.#timed(name, () => run(this.#db!), count);
  }

  async #operation<T>(
    operation: MongoOperation,
    collection: string,
    requestName: string | undefined,
    run: (db: Mongo.Db) => Promise<T>,
    count: Counter<T>,
  ): Promise<T | undefined> {
    return this.execute(requestName ?? formatMongoRequestName(operation, collection), run, count);
  }

  async #createClient(): Promise<Mongo.MongoClient> {
    this.#driver ??= await importMongoDB();
    const options = { ...DEFAULT_CLIENT_OPTIONS, ...this.settings.clientOptions };
    let client: Mongo.MongoClient;
    try {
      client = new this.#driver.MongoClient(this.settings.connString, options);
    } catch (error) {
      throw new LocustError(`MongoDBUser cannot use the connection string: ${(error as Error).message}`, {
        code: "MONGODB_BAD_CONNECTION_STRING",
        hint: "Set static connString (or --host) to mongodb://host:port/db or mongodb+srv://…",
        cause: error,
      });
    }
    this.#client = client;
    this.#db = client.db(this.settings.dbName);
    return client;
  }

  /** Times `run` and reports it, unless the user's abort signal ended the wait (then it rejects, unreported). */
  #timed<T>(name: string, run: () => Promise<T>, count: Counter<T>): Promise<T | undefined> {
    const options = { signal: this.#owner.signal, context: this.#owner.context() };
    return this.#owner.environment.events.request.measure(MONGODB_REQUEST_TYPE, name, async (meta) => {
      const result = await run();
      meta.responseLength = count(result);
      return result;
    }, options);
  }
}
