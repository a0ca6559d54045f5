import type * as Milvus from "@zilliz/milvus2-sdk-node";
import type { MilvusId } from "./recall.ts";

/** Options every operation takes. */
export interface MilvusRequestOptions {
  /** Statistics name instead of Locust's operation name. */
  requestName?: string;
  /** Another collection than the client's. */
  collectionName?: string;
}

/** Options of `search`; `request` passes any other SDK search field through. */
export interface MilvusSearchOptions extends MilvusRequestOptions {
  annsField?: string;
  limit?: number;
  filter?: string;
  /** Index search parameters, e.g. `{ ef: 64 }` or `{ nprobe: 16 }`. */
  searchParams?: Record<string, unknown>;
  outputFields?: string[];
  /** Expected ids (one list, or one per query vector): also reports `"recall"` (see `computeRecall`). */
  groundTruth?: readonly MilvusId[] | readonly (readonly MilvusId[])[];
  emptyIsFailure?: boolean;
  request?: Partial<Milvus.SearchSimpleReq>;
}

/** Options of `hybridSearch`. */
export interface MilvusHybridSearchOptions extends MilvusRequestOptions {
  rerank?: Milvus.HybridSearchReq["rerank"];
  limit?: number;
  outputFields?: string[];
  emptyIsFailure?: boolean;
  request?: Partial<Milvus.HybridSearchReq>;
}

/** Options of `query`. */
export interface MilvusQueryOptions extends MilvusRequestOptions {
  outputFields?: string[];
  limit?: number;
  emptyIsFailure?: boolean;
  request?: Partial<Milvus.QueryReq>;
}

/** Options of `insert`, `upsert` and `delete`. */
export interface MilvusWriteOptions extends MilvusRequestOptions {
  partitionName?: string;
}
