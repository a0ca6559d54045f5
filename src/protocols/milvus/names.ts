/** The request type of every Milvus operation in the statistics (Locust's, lower case). */
export const MILVUS_REQUEST_TYPE = "milvus";

/**
 * The statistics names, Locust's: one per operation, plus `"recall"`, whose "response time" is recall × 100 (so
 * 100 means every ground-truth id was found) and whose length is the number of ids retrieved.
 */
export type MilvusRequestName = "connect" | "insert" | "upsert" | "search" | "hybrid_search" | "query" | "delete" | "recall";
