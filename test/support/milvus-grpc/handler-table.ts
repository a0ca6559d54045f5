import {
  checkHealth,
  connect,
  createCollection,
  describeCollection,
  dropCollection,
  flush,
  flushed,
  getCollectionStatistics,
  getVersion,
  hasCollection,
  showCollections,
} from "./collection-handlers.ts";
import { deleteEntities, insert, query, upsert } from "./data-handlers.ts";
import {
  createIndex,
  describeIndex,
  dropIndex,
  getIndexBuildProgress,
  getIndexState,
  getLoadingProgress,
  getLoadState,
  loadCollection,
  releaseCollection,
} from "./index-handlers.ts";
import type { MilvusHandler } from "./milvus-handler.ts";
import { hybridSearch, search } from "./search-handlers.ts";

/**
 * The RPCs with real behaviour, by gRPC method name. Every other MilvusService method (and the SDK's
 * ClientTelemetryService heartbeat) answers with a default message carrying a success Status.
 */
export const HANDLERS: Readonly<Record<string, MilvusHandler>> = {
  Connect: connect,
  GetVersion: getVersion,
  CheckHealth: checkHealth,
  CreateCollection: createCollection,
  DescribeCollection: describeCollection,
  HasCollection: hasCollection,
  DropCollection: dropCollection,
  ShowCollections: showCollections,
  GetCollectionStatistics: getCollectionStatistics,
  CreateIndex: createIndex,
  DescribeIndex: describeIndex,
  DropIndex: dropIndex,
  GetIndexState: getIndexState,
  GetIndexBuildProgress: getIndexBuildProgress,
  LoadCollection: loadCollection,
  ReleaseCollection: releaseCollection,
  GetLoadingProgress: getLoadingProgress,
  GetLoadState: getLoadState,
  Insert: insert,
  Upsert: upsert,
  Delete: deleteEntities,
  Query: query,
  Search: search,
  HybridSearch: hybridSearch,
  Flush: flush,
  GetFlushState: flushed,
  GetFlushAllState: flushed,
};
