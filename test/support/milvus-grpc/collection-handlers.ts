import { MilvusCollection, normaliseSchema } from "./milvus-collection.ts";
import type { MilvusHandler } from "./milvus-handler.ts";
import { decodeMessage } from "./milvus-proto.ts";

/** The server version the test server claims (a 2.6 standalone). */
export const SERVER_VERSION = "v2.6.0";

let nextIdentifier = 1;

/** Connect: a non-zero `identifier` is what tells the SDK the server supports the call. */
export const connect: MilvusHandler = () => ({
  server_info: { build_tags: SERVER_VERSION, deploy_mode: "STANDALONE", build_time: "", git_commit: "", go_version: "", reserved: {} },
  identifier: nextIdentifier++,
});

export const getVersion: MilvusHandler = () => ({ version: SERVER_VERSION });

export const checkHealth: MilvusHandler = () => ({ isHealthy: true, reasons: [], quota_states: [] });

/** CreateCollection: decodes the schema bytes the SDK serialised; an existing name is left as it is. */
export const createCollection: MilvusHandler = (request, { store }) => {
  const name = String(request.collection_name);
  if (store.collections.has(name)) return {};
  const decoded = decodeMessage("milvus.proto.schema.CollectionSchema", request.schema);
  if (request.enable_dynamic_field) decoded.enable_dynamic_field = true;
  const schema = normaliseSchema(name, decoded);
  const level = String(request.consistency_level || "Bounded");
  store.collections.set(name, new MilvusCollection(store.nextId(), name, schema, level, request.properties ?? []));
  return {};
};

/** DescribeCollection: the stored schema with field ids, the collection id and its settings. */
export const describeCollection: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  return {
    schema: collection.schema,
    collectionID: collection.id,
    collection_name: collection.name,
    consistency_level: collection.consistencyLevel,
    properties: collection.properties,
    created_timestamp: collection.createdAt,
    created_utc_timestamp: collection.createdAt,
    update_timestamp: collection.createdAt,
    update_timestamp_str: String(collection.createdAt),
    shards_num: 1,
    num_partitions: 1,
    aliases: [],
    virtual_channel_names: [`by-dev-rootcoord-dml_0_${collection.id}v0`],
    physical_channel_names: ["by-dev-rootcoord-dml_0"],
    db_name: "default",
  };
};

export const hasCollection: MilvusHandler = (request, { store }) => ({ value: store.collections.has(String(request.collection_name)) });

/** DropCollection: dropping a missing collection succeeds, as in Milvus 2.4+. */
export const dropCollection: MilvusHandler = (request, { store }) => {
  store.collections.delete(String(request.collection_name));
  return {};
};

export const showCollections: MilvusHandler = (_request, { store }) => {
  const all = [...store.collections.values()];
  return {
    collection_names: all.map((c) => c.name),
    collection_ids: all.map((c) => c.id),
    created_timestamps: all.map((c) => c.createdAt),
    created_utc_timestamps: all.map((c) => c.createdAt),
    inMemory_percentages: all.map((c) => (c.loaded ? 100 : 0)),
    query_service_available: all.map((c) => c.loaded),
  };
};

export const getCollectionStatistics: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  return { stats: [{ key: "row_count", value: String(collection.rows.size) }] };
};

/** Flush: nothing to persist; empty segment lists let flushSync's GetFlushState poll end at once. */
export const flush: MilvusHandler = (request) => {
  const names = (request.collection_names ?? []) as string[];
  const segments = Object.fromEntries(names.map((name) => [name, { data: [] }]));
  return { db_name: "default", coll_segIDs: segments, flush_coll_segIDs: segments };
};

export const flushed: MilvusHandler = () => ({ flushed: true });
