/**
 * @module locust-bun/milvus — MilvusUser: load-test Milvus vector search with the official SDK
 * (needs `@zilliz/milvus2-sdk-node`).
 */
export { MilvusUser } from "./milvus-user.ts";
export {
  MilvusCollectionClient,
  type MilvusClientOwner,
  type MilvusClientSettings,
  type MilvusSearchResults,
} from "./client.ts";
export type { MilvusCollectionSchema, MilvusIndexParams } from "./collection-setup.ts";
export { MilvusEmptyResultError, MilvusError } from "./milvus-result.ts";
export { MILVUS_REQUEST_TYPE, type MilvusRequestName } from "./names.ts";
export { computeRecall, type MilvusId } from "./recall.ts";
export type {
  MilvusHybridSearchOptions,
  MilvusQueryOptions,
  MilvusRequestOptions,
  MilvusSearchOptions,
  MilvusWriteOptions,
} from "./request-options.ts";
