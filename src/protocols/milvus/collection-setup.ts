import type * as Milvus from "@zilliz/milvus2-sdk-node";
import { LocustError } from "../../core/errors.ts";
import { findStatusFailure } from "./milvus-result.ts";

/** A collection's schema: the SDK's create-collection request without the name (`fields`, `enable_dynamic_field`, …). */
export type MilvusCollectionSchema = Omit<Milvus.CreateCollectionWithFieldsReq, "collection_name">;

/** Index parameters per vector field: the SDK's create-index request without the collection name. */
export type MilvusIndexParams = Omit<Milvus.CreateIndexSimpleReq, "collection_name"> | Omit<Milvus.CreateIndexSimpleReq, "collection_name">[];

/** One set-up per address, database and collection in this process, however many users start at once. */
const setups = new Map<string, Promise<void>>();

/**
 * Creates the collection with `schema`, its indexes and loads it, unless it already exists. Concurrent callers for
 * the same collection share one attempt; a failed attempt is forgotten so a later user may try again.
 */
export function ensureCollection(
  sdk: Milvus.MilvusClient,
  target: { uri: string; dbName: string; collectionName: string },
  schema: MilvusCollectionSchema,
  indexParams?: MilvusIndexParams,
): Promise<void> {
  const key = `${target.uri}|${target.dbName}|${target.collectionName}`;
  let setup = setups.get(key);
  if (!setup) {
    setup = createCollection(sdk, target.collectionName, schema, indexParams);
    setup.catch(() => setups.delete(key));
    setups.set(key, setup);
  }
  return setup;
}

async function createCollection(
  sdk: Milvus.MilvusClient,
  collectionName: string,
  schema: MilvusCollectionSchema,
  indexParams?: MilvusIndexParams,
): Promise<void> {
  try {
    const exists = await sdk.hasCollection({ collection_name: collectionName });
    const existsFailure = findStatusFailure(exists.status);
    if (existsFailure) throw existsFailure;
    if (exists.value) return;
    const request = { ...schema, collection_name: collectionName };
    // With index_params the SDK also creates the indexes and waits until the collection is loaded.
    const created = await sdk.createCollection(indexParams ? { ...request, index_params: indexParams } : request);
    const failure = findStatusFailure(created);
    if (failure) throw failure;
  } catch (error) {
    throw new LocustError(`MilvusUser could not create collection '${collectionName}': ${describe(error)}`, {
      code: "MILVUS_COLLECTION_SETUP",
      hint: "Check the schema and indexParams of the user class, and that the Milvus server is reachable.",
      cause: error,
    });
  }
}

/** The SDK throws plain Errors, but also status objects (`{ error_code, reason }`). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return findStatusFailure(error as Parameters<typeof findStatusFailure>[0])?.message ?? String(error);
}
