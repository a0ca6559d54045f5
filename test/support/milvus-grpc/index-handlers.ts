import type { IndexInfo, MilvusCollection } from "./milvus-collection.ts";
import type { MilvusHandler } from "./milvus-handler.ts";
import { invalidParameter, MilvusFailure } from "./milvus-status.ts";

function indexNotFound(collection: MilvusCollection, reason = "index not found"): MilvusFailure {
  return new MilvusFailure(700, `${reason}[collection=${collection.name}]`, "IndexNotExist");
}

function matchingIndexes(collection: MilvusCollection, request: any): IndexInfo[] {
  return [...collection.indexes.values()].filter(
    (index) => (!request.index_name || index.indexName === request.index_name) && (!request.field_name || index.fieldName === request.field_name),
  );
}

/** CreateIndex: recorded with its params (index_type, metric_type, params); built instantly. */
export const createIndex: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  const fieldName = String(request.field_name);
  if (!collection.field(fieldName)) throw invalidParameter(`cannot create index on non-exist field: ${fieldName}`);
  const indexName = String(request.index_name || fieldName);
  if (!collection.indexes.has(indexName)) {
    collection.indexes.set(indexName, { indexName, fieldName, indexId: store.nextId(), params: request.extra_params ?? [] });
  }
  return {};
};

/** DescribeIndex: IndexNotExist when there is none, which the SDK's simple createCollection relies on. */
export const describeIndex: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  const indexes = matchingIndexes(collection, request);
  if (indexes.length === 0) throw indexNotFound(collection);
  const rows = collection.rows.size;
  return {
    index_descriptions: indexes.map((index) => ({
      index_name: index.indexName,
      indexID: index.indexId,
      field_name: index.fieldName,
      params: index.params,
      indexed_rows: rows,
      total_rows: rows,
      pending_index_rows: 0,
      state: "Finished",
    })),
  };
};

export const dropIndex: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  for (const index of matchingIndexes(collection, request)) collection.indexes.delete(index.indexName);
  return {};
};

export const getIndexState: MilvusHandler = () => ({ state: "Finished", fail_reason: "" });

export const getIndexBuildProgress: MilvusHandler = (request, { store }) => {
  const rows = store.require(String(request.collection_name)).rows.size;
  return { indexed_rows: rows, total_rows: rows };
};

/** LoadCollection: like Milvus, refused while a vector field has no index. */
export const loadCollection: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  const unindexed = collection.fields.find((f) => collection.isVectorField(f) && matchingIndexes(collection, { field_name: f.name }).length === 0);
  if (unindexed) throw indexNotFound(collection, `there is no vector index on field: [${unindexed.name}], please create index firstly`);
  collection.loaded = true;
  return {};
};

export const releaseCollection: MilvusHandler = (request, { store }) => {
  store.require(String(request.collection_name)).loaded = false;
  return {};
};

/** GetLoadingProgress: loading is instant, so 100 once LoadCollection succeeded. */
export const getLoadingProgress: MilvusHandler = (request, { store }) => {
  const progress = store.require(String(request.collection_name)).loaded ? 100 : 0;
  return { progress, refresh_progress: progress };
};

export const getLoadState: MilvusHandler = (request, { store }) => {
  const collection = store.collections.get(String(request.collection_name));
  if (!collection) return { state: "LoadStateNotExist" };
  return { state: collection.loaded ? "LoadStateLoaded" : "LoadStateNotLoad" };
};
