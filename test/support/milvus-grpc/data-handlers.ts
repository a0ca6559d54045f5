import { decodeColumns, encodeColumns } from "./field-columns.ts";
import { compileFilter, type RowPredicate } from "./filter-expression.ts";
import type { MilvusCollection, Row } from "./milvus-collection.ts";
import { encodeIds, keyValues, requireLoaded, resolveOutputs, type MilvusHandler } from "./milvus-handler.ts";
import { invalidParameter } from "./milvus-status.ts";

const COUNT_FIELD = "count(*)";

/** The filter for `expression`, reading schema fields, dynamic keys and JSON keys of an entity. */
export function filterFor(collection: MilvusCollection, expression: string | undefined): RowPredicate {
  return compileFilter(expression ?? "", (row, field, keys) => {
    let value = collection.valueOf(row, field);
    for (const key of keys) value = value && typeof value === "object" ? (value as Row)[key] : undefined;
    return value;
  });
}

/** Insert: rows from column-wise fields_data, keyed by primary key (a repeated key replaces the entity). */
export const insert: MilvusHandler = (request, { store }) => writeRows(store.require(String(request.collection_name)), request, false);

/** Upsert: like insert; with `partial_update` the given fields are merged into the existing entity. */
export const upsert: MilvusHandler = (request, { store }) => writeRows(store.require(String(request.collection_name)), request, true);

function writeRows(collection: MilvusCollection, request: any, upserting: boolean): Record<string, unknown> {
  const count = Number(request.num_rows) || 0;
  const columns = decodeColumns(request.fields_data ?? [], count);
  const pk = collection.primaryField;
  if (!columns.has(pk.name)) {
    if (!pk.autoID) throw invalidParameter(`must assign pk when upsert or insert, primary field: ${pk.name}`);
    columns.set(pk.name, Array.from({ length: count }, () => collection.allocateId()));
  }
  for (const field of collection.fields) {
    if (columns.has(field.name) || field.nullable || field.default_value || field.is_dynamic || field.is_function_output) continue;
    if (!(upserting && request.partial_update)) {
      throw invalidParameter(`Insert missed an field \`${field.name}\` to collection without set nullable==true or set default_value`);
    }
  }
  const keys: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const row: Row = {};
    for (const [name, values] of columns) row[name] = values[i];
    checkDimensions(collection, row);
    const key = String(row[pk.name]);
    const previous = upserting && request.partial_update ? collection.rows.get(key) : undefined;
    collection.rows.set(key, previous ? { ...previous, ...row } : row);
    keys.push(row[pk.name]);
  }
  const indexes = keys.map((_key, i) => i);
  return {
    IDs: encodeIds(collection, keys),
    succ_index: indexes,
    err_index: [],
    insert_cnt: upserting ? 0 : count,
    upsert_cnt: upserting ? count : 0,
    timestamp: Date.now(),
  };
}

function checkDimensions(collection: MilvusCollection, row: Row): void {
  for (const field of collection.fields) {
    if (field.data_type !== "FloatVector" || row[field.name] == null) continue;
    const dim = collection.dimension(field);
    const length = (row[field.name] as number[]).length;
    if (length !== dim) throw invalidParameter(`the dim (${length}) of field data(${field.name}) is not equal to schema dim (${dim})`);
  }
}

/** Delete: removes the entities matching `expr` (the SDK turns `ids` into `pk in [...]`). */
export const deleteEntities: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  if (!String(request.expr ?? "").trim()) throw invalidParameter("expr cannot be empty");
  const matches = filterFor(collection, request.expr);
  const keys: unknown[] = [];
  for (const [key, row] of collection.rows) {
    if (!matches(row)) continue;
    keys.push(row[collection.primaryField.name]);
    collection.rows.delete(key);
  }
  return { IDs: encodeIds(collection, keys), delete_cnt: keys.length, timestamp: Date.now() };
};

/** Query: filtered entities in insertion order, `offset`/`limit` from query_params; `count(*)` counts. */
export const query: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  requireLoaded(collection);
  const params = keyValues(request.query_params);
  const matches = filterFor(collection, request.expr);
  const rows = [...collection.rows.values()].filter(matches);
  const requested = (request.output_fields ?? []) as string[];
  if (requested.includes(COUNT_FIELD)) {
    const counted = { field_name: COUNT_FIELD, type: "Int64", scalars: { long_data: { data: [rows.length] } } };
    return { collection_name: collection.name, output_fields: [COUNT_FIELD], fields_data: [counted] };
  }
  if (!String(request.expr ?? "").trim() && params.limit === undefined) {
    throw invalidParameter("empty expression should be used with limit");
  }
  const offset = Number(params.offset ?? 0);
  const page = rows.slice(offset, params.limit === undefined ? undefined : offset + Number(params.limit));
  const { outputFields, columns } = resolveOutputs(collection, requested);
  return {
    collection_name: collection.name,
    output_fields: outputFields,
    fields_data: encodeColumns(collection, columns, page),
    primary_field_name: collection.primaryField.name,
  };
};
