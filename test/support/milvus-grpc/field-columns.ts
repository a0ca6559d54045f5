import type { FieldSchema, MilvusCollection } from "./milvus-collection.ts";
import { invalidParameter } from "./milvus-status.ts";

/** Which `ScalarField` member carries each scalar DataType. */
const SCALAR_KEYS: Record<string, string> = {
  Bool: "bool_data",
  Int8: "int_data",
  Int16: "int_data",
  Int32: "int_data",
  Int64: "long_data",
  Float: "float_data",
  Double: "double_data",
  String: "string_data",
  VarChar: "string_data",
  Text: "string_data",
  Timestamptz: "string_data",
  JSON: "json_data",
  Array: "array_data",
};

/** Which `VectorField` member carries each vector DataType. */
const VECTOR_KEYS: Record<string, string> = {
  FloatVector: "float_vector",
  BinaryVector: "binary_vector",
  Float16Vector: "float16_vector",
  BFloat16Vector: "bfloat16_vector",
  Int8Vector: "int8_vector",
  SparseFloatVector: "sparse_float_vector",
};

const EMPTY: Record<string, unknown> = { bool_data: false, int_data: 0, long_data: 0, float_data: 0, double_data: 0, string_data: "" };

/**
 * Turns a request's column-wise `fields_data` (Insert/Upsert) into one value list per field name.
 * Int64 values become numbers, JSON is parsed, vectors are split per row.
 */
export function decodeColumns(fieldsData: any[], numRows: number): Map<string, unknown[]> {
  const columns = new Map<string, unknown[]>();
  for (const fieldData of fieldsData) {
    const values = fieldData.vectors ? decodeVectors(fieldData.vectors) : decodeScalars(fieldData.scalars);
    columns.set(fieldData.field_name, expandNulls(values, fieldData.valid_data ?? [], numRows));
  }
  return columns;
}

/** Builds the `fields_data` columns of a Query or Search reply for `rows`, one FieldData per name. */
export function encodeColumns(collection: MilvusCollection, names: string[], rows: Array<Record<string, unknown>>): any[] {
  return names.map((name) => {
    const field = collection.field(name);
    if (!field) throw invalidParameter(`field ${name} not exist`);
    return encodeColumn(collection, field, rows.map((row) => row[name] ?? null));
  });
}

function encodeColumn(collection: MilvusCollection, field: FieldSchema, values: unknown[]): any {
  const base = { field_name: field.name, field_id: field.fieldID, type: field.data_type, is_dynamic: field.is_dynamic === true };
  const vectorKey = VECTOR_KEYS[field.data_type];
  if (vectorKey) {
    const dim = collection.dimension(field);
    const present = values.filter((v) => v !== null);
    const valid = field.nullable ? { valid_data: values.map((v) => v !== null) } : {};
    if (vectorKey === "float_vector") return { ...base, ...valid, vectors: { dim, float_vector: { data: (present as number[][]).flat() } } };
    if (vectorKey === "sparse_float_vector") return { ...base, ...valid, vectors: { dim, sparse_float_vector: { dim, contents: present } } };
    return { ...base, ...valid, vectors: { dim, [vectorKey]: Buffer.concat(present as Uint8Array[]) } };
  }
  const key = SCALAR_KEYS[field.data_type];
  if (!key) throw invalidParameter(`unsupported field type ${field.data_type}`);
  const valid = field.nullable ? { valid_data: values.map((v) => v !== null) } : {};
  return { ...base, ...valid, scalars: { [key]: { data: values.map((v) => encodeScalar(key, v, field)) } } };
}

function encodeScalar(key: string, value: unknown, field: FieldSchema): unknown {
  if (key === "json_data") return Buffer.from(value === null ? "" : JSON.stringify(value));
  if (key === "array_data") {
    const elementKey = SCALAR_KEYS[field.element_type ?? ""] ?? "long_data";
    return { [elementKey]: { data: (value as unknown[] | null) ?? [] } };
  }
  return value ?? EMPTY[key];
}

function decodeVectors(vectors: any): unknown[] {
  const key = vectors.data as string;
  const dim = Number(vectors.dim);
  if (key === "float_vector") return chunk(vectors.float_vector.data as number[], dim);
  if (key === "sparse_float_vector") return [...vectors.sparse_float_vector.contents];
  const bytes = vectors[key] as Uint8Array;
  const bytesPerRow = key === "binary_vector" ? dim / 8 : key === "int8_vector" ? dim : dim * 2;
  const rows: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += bytesPerRow) rows.push(bytes.slice(i, i + bytesPerRow));
  return rows;
}

function decodeScalars(scalars: any): unknown[] {
  const key = scalars?.data as string | undefined;
  if (!key) return [];
  const values = scalars[key].data as unknown[];
  if (key === "long_data") return values.map(Number);
  if (key === "json_data") return values.map((b) => ((b as Uint8Array).length ? JSON.parse(Buffer.from(b as Uint8Array).toString()) : null));
  if (key === "array_data") return values.map(decodeScalars);
  return [...values];
}

/** Inserts nulls where `valid_data` is false; accepts both compact and row-dense value lists. */
function expandNulls(values: unknown[], valid: boolean[], numRows: number): unknown[] {
  if (valid.length === 0 || valid.every(Boolean)) return values;
  if (values.length === numRows) return values.map((v, i) => (valid[i] ? v : null));
  let next = 0;
  return valid.map((isValid) => (isValid ? values[next++] : null));
}

function chunk<T>(flat: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < flat.length; i += size) rows.push(flat.slice(i, i + size));
  return rows;
}
