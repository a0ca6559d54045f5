import type { Document } from "bson";
import { find } from "mingo";
import { CommandError } from "./command-error.ts";
import type { CommandContext } from "./command-context.ts";
import type { IndexSpec } from "./mongo-store.ts";
import { firstBatchReply } from "./read-commands.ts";

/** Wire version of MongoDB 7.0: inside driver 6/7's supported range (9…29 for driver 7.9). */
export const MAX_WIRE_VERSION = 21;
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

/**
 * `hello` / `isMaster`: a writable standalone. It advertises no compression and no topologyVersion,
 * so the driver neither compresses nor switches its monitor to the streaming (exhaust) protocol.
 */
export function helloCommand(body: Document, { connection, users }: CommandContext): Document {
  const reply: Document = {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (users && typeof body.saslSupportedMechs === "string") reply.saslSupportedMechs = ["SCRAM-SHA-256"];
  return reply;
}

/** `buildInfo`: the version a 7.0 server would report. */
export function buildInfoCommand(): Document {
  return { version: "7.0.0", versionArray: [7, 0, 0, 0], gitVersion: "locust-bun-test-server", bits: 64, maxBsonObjectSize: MAX_BSON_OBJECT_SIZE };
}

/** `createIndexes`: a unique index is refused (E11000) when stored documents already collide. */
export function createIndexesCommand(body: Document, { db, store }: CommandContext): Document {
  const existed = store.get(db, String(body.createIndexes)) !== undefined;
  const collection = store.getOrCreate(db, String(body.createIndexes));
  const before = collection.indexes.length;
  for (const requested of (body.indexes ?? []) as Document[]) {
    const index: IndexSpec = { name: String(requested.name), key: requested.key as Document, unique: requested.unique === true };
    if (collection.indexes.some((existing) => existing.name === index.name)) continue;
    collection.docs.forEach((doc, position) => collection.assertUnique(doc, position, [index]));
    collection.indexes.push(index);
  }
  return { createdCollectionAutomatically: !existed, numIndexesBefore: before, numIndexesAfter: collection.indexes.length };
}

/** `listIndexes`: mongod's index descriptions (`v: 2`, `key`, `name`, `unique`). */
export function listIndexesCommand(body: Document, { db, store }: CommandContext): Document {
  const collection = store.get(db, String(body.listIndexes));
  if (!collection) throw new CommandError(26, "NamespaceNotFound", `ns does not exist: ${db}.${body.listIndexes}`);
  const indexes = collection.indexes.map(({ name, key, unique }) => ({ v: 2, key, name, ...(unique && name !== "_id_" ? { unique } : {}) }));
  return firstBatchReply(store, `${db}.$cmd.listIndexes`, indexes, Number(body.cursor?.batchSize ?? 101));
}

/** `drop`: like MongoDB 7.0, dropping a missing collection succeeds. */
export function dropCommand(body: Document, { db, store }: CommandContext): Document {
  const dropped = store.drop(db, String(body.drop));
  return { ns: `${db}.${body.drop}`, nIndexesWas: dropped?.indexes.length ?? 0 };
}

/** `create`: an explicit createCollection. */
export function createCommand(body: Document, { db, store }: CommandContext): Document {
  if (store.get(db, String(body.create))) {
    throw new CommandError(48, "NamespaceExists", `Collection ${db}.${body.create} already exists.`);
  }
  store.getOrCreate(db, String(body.create));
  return {};
}

/** `listCollections`, with its filter applied to the collection descriptions. */
export function listCollectionsCommand(body: Document, { db, store }: CommandContext): Document {
  const all = store.list(db).map((c) => ({
    name: c.name,
    type: "collection",
    options: {},
    info: { readOnly: false },
    idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
  }));
  const matching = find(all, body.filter ?? {}).all() as Document[];
  const shown = body.nameOnly === true ? matching.map(({ name, type }) => ({ name, type })) : matching;
  return firstBatchReply(store, `${db}.$cmd.listCollections`, shown, Number(body.cursor?.batchSize ?? 101));
}

/** `listDatabases`: every database that holds a collection. */
export function listDatabasesCommand(_body: Document, { store }: CommandContext): Document {
  const databases = store.databases().map((name) => ({ name, sizeOnDisk: 0, empty: false }));
  return { databases, totalSize: 0 };
}

/** `dropDatabase`: removes every collection of the command's database. */
export function dropDatabaseCommand(_body: Document, { db, store }: CommandContext): Document {
  for (const collection of store.list(db)) store.drop(db, collection.name);
  return { dropped: db };
}
