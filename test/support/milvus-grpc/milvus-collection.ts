import { collectionNotFound, invalidParameter } from "./milvus-status.ts";

/** One entity: field name → value (Int64 as number, vectors as number[] or raw bytes, JSON as objects). */
export type Row = Record<string, unknown>;

/** A `milvus.proto.common.KeyValuePair`. */
export interface KeyValue {
  key: string;
  value: string;
}

/** A field of a stored schema, as decoded from the CreateCollection request (snake_case, enums as names). */
export interface FieldSchema {
  name: string;
  fieldID: string;
  data_type: string;
  element_type?: string;
  is_primary_key?: boolean;
  autoID?: boolean;
  nullable?: boolean;
  is_dynamic?: boolean;
  type_params?: KeyValue[];
  [other: string]: unknown;
}

/** An index created with CreateIndex. */
export interface IndexInfo {
  indexName: string;
  fieldName: string;
  indexId: number;
  params: KeyValue[];
}

/** Milvus names the dynamic field's JSON column this. */
export const DYNAMIC_FIELD = "$meta";

/** One in-memory collection: its schema, entities by primary key (insertion order) and indexes. */
export class MilvusCollection {
  readonly id: number;
  readonly name: string;
  /** The CollectionSchema the SDK sent, with field ids assigned (100, 101, …) as Milvus does. */
  readonly schema: Record<string, any>;
  readonly fields: FieldSchema[];
  readonly primaryField: FieldSchema;
  readonly rows = new Map<string, Row>();
  readonly indexes = new Map<string, IndexInfo>();
  readonly createdAt = Date.now();
  consistencyLevel: string;
  properties: KeyValue[];
  loaded = false;
  #nextAutoId = 1;

  /** `schema` must have been through {@link normaliseSchema}. */
  constructor(id: number, name: string, schema: Record<string, any>, consistencyLevel: string, properties: KeyValue[]) {
    this.id = id;
    this.name = name;
    this.schema = schema;
    this.fields = schema.fields;
    this.primaryField = this.fields.find((f) => f.is_primary_key)!;
    this.consistencyLevel = consistencyLevel;
    this.properties = properties;
  }

  field(name: string): FieldSchema | undefined {
    return this.fields.find((f) => f.name === name);
  }

  /** The vector dimension from the field's `dim` type param. */
  dimension(field: FieldSchema): number {
    return Number(field.type_params?.find((p) => p.key === "dim")?.value ?? 0);
  }

  /** The metric the field's index was built with, if it has an index that names one. */
  indexedMetric(fieldName: string): string | undefined {
    for (const index of this.indexes.values()) {
      if (index.fieldName !== fieldName) continue;
      const metric = index.params.find((p) => p.key === "metric_type")?.value;
      if (metric) return metric;
    }
    return undefined;
  }

  isVectorField(field: FieldSchema): boolean {
    return field.data_type.endsWith("Vector");
  }

  /** The next generated primary key of an autoID collection. */
  allocateId(): number {
    return this.#nextAutoId++;
  }

  /** The value a filter or output field named `name` reads: a schema field, or a key of the dynamic field. */
  valueOf(row: Row, name: string): unknown {
    if (name in row || this.field(name)) return row[name];
    const dynamic = row[DYNAMIC_FIELD];
    return dynamic && typeof dynamic === "object" ? (dynamic as Row)[name] : undefined;
  }
}

/**
 * Completes a decoded CollectionSchema the way Milvus does before storing it: field ids 100, 101, …,
 * the `$meta` JSON field when dynamic fields are enabled, and a check that there is a primary key.
 */
export function normaliseSchema(name: string, schema: Record<string, any>): Record<string, any> {
  const fields = ((schema.fields ?? []) as FieldSchema[]).map((field, i) => ({ ...field, fieldID: String(100 + i) }));
  if (schema.enable_dynamic_field && !fields.some((f) => f.is_dynamic)) {
    fields.push({ name: DYNAMIC_FIELD, fieldID: String(100 + fields.length), data_type: "JSON", is_dynamic: true });
  }
  if (!fields.some((f) => f.is_primary_key)) throw invalidParameter("schema does not contain primary key field");
  return { ...schema, name, fields };
}

/** Every collection of one server, by name (a single database: `db_name` is ignored). */
export class MilvusStore {
  readonly collections = new Map<string, MilvusCollection>();
  #nextId = 450_000_000_000_001;

  nextId(): number {
    return this.#nextId++;
  }

  /** The collection, or the "collection not found" failure Milvus answers with. */
  require(name: string): MilvusCollection {
    const collection = this.collections.get(name);
    if (!collection) throw collectionNotFound(name);
    return collection;
  }
}
