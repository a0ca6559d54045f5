import { DYNAMIC_FIELD, type KeyValue, type MilvusCollection, type MilvusStore } from "./milvus-collection.ts";
import { invalidParameter, MilvusFailure } from "./milvus-status.ts";

/** What every RPC handler gets besides the request. */
export interface MilvusContext {
  store: MilvusStore;
}

/**
 * An RPC implementation: returns the reply without `status` (success is filled in) or throws a
 * MilvusFailure, which becomes a failed Status. Requests arrive decoded with the SDK's loader options.
 */
export type MilvusHandler = (request: any, context: MilvusContext) => Record<string, unknown>;

/** `[{ key, value }]` → `{ key: value }`. */
export function keyValues(pairs: KeyValue[] | undefined): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map(({ key, value }) => [key, value]));
}

/** Milvus refuses to search or query a collection that is not loaded (code 101). */
export function requireLoaded(collection: MilvusCollection): void {
  if (!collection.loaded) throw new MilvusFailure(101, `collection not loaded[collection=${collection.id}]`);
}

/** The `schema.IDs` message for primary keys: `int_id` for Int64 keys, `str_id` for VarChar keys. */
export function encodeIds(collection: MilvusCollection, keys: unknown[]): Record<string, unknown> {
  return collection.primaryField.data_type === "Int64" ? { int_id: { data: keys } } : { str_id: { data: keys.map(String) } };
}

/**
 * Resolves requested output fields. `outputFields` is what the reply lists (the primary key first, `*`
 * expanded, dynamic keys by name); `columns` are the schema fields to send (dynamic keys ride in `$meta`).
 */
export function resolveOutputs(collection: MilvusCollection, requested: string[] | undefined): { outputFields: string[]; columns: string[] } {
  const outputFields = new Set([collection.primaryField.name]);
  const columns = new Set([collection.primaryField.name]);
  for (const name of requested && requested.length > 0 ? requested : ["*"]) {
    if (name === "*") {
      for (const field of collection.fields) [outputFields, columns].forEach((set) => set.add(field.name));
    } else if (collection.field(name)) {
      [outputFields, columns].forEach((set) => set.add(name));
    } else if (collection.field(DYNAMIC_FIELD)) {
      outputFields.add(name);
      columns.add(DYNAMIC_FIELD);
    } else {
      throw invalidParameter(`field ${name} not exist`);
    }
  }
  return { outputFields: [...outputFields], columns: [...columns] };
}
