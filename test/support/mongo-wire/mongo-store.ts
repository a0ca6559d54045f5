import { deserialize, EJSON, serialize, type Document } from "bson";
import { CommandError, DUPLICATE_KEY } from "./command-error.ts";

/** An index as `createIndexes` describes it; only `unique` changes behaviour here. */
export interface IndexSpec {
  name: string;
  key: Document;
  unique: boolean;
}

/** One in-memory collection: documents in insertion order plus its indexes. */
export class MongoCollection {
  readonly db: string;
  readonly name: string;
  docs: Document[] = [];
  readonly indexes: IndexSpec[] = [{ name: "_id_", key: { _id: 1 }, unique: true }];

  constructor(db: string, name: string) {
    this.db = db;
    this.name = name;
  }

  /** `db.collection`, as mongod names it in cursors and error messages. */
  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  /**
   * Throws E11000 when `doc` collides with another stored document on a unique index.
   * `selfIndex` is the position of the document being replaced (an update), which is not a collision.
   */
  assertUnique(doc: Document, selfIndex = -1, indexes: IndexSpec[] = this.indexes): void {
    for (const index of indexes) {
      if (!index.unique) continue;
      const key = uniqueKey(doc, index);
      const clash = this.docs.findIndex((other, i) => i !== selfIndex && uniqueKey(other, index) === key);
      if (clash >= 0) throw duplicateKeyError(this, index, doc);
    }
  }
}

/** A find/aggregate result held for getMore. */
interface CursorState {
  namespace: string;
  docs: Document[];
  position: number;
}

/** All databases, collections and open cursors of one test server. */
export class MongoStore {
  readonly #collections = new Map<string, MongoCollection>();
  readonly #cursors = new Map<number, CursorState>();
  #nextCursorId = 1;

  get(db: string, name: string): MongoCollection | undefined {
    return this.#collections.get(`${db}.${name}`);
  }

  getOrCreate(db: string, name: string): MongoCollection {
    const existing = this.get(db, name);
    if (existing) return existing;
    const created = new MongoCollection(db, name);
    this.#collections.set(created.namespace, created);
    return created;
  }

  drop(db: string, name: string): MongoCollection | undefined {
    const existing = this.get(db, name);
    this.#collections.delete(`${db}.${name}`);
    return existing;
  }

  list(db: string): MongoCollection[] {
    return [...this.#collections.values()].filter((c) => c.db === db);
  }

  databases(): string[] {
    return [...new Set([...this.#collections.values()].map((c) => c.db))];
  }

  /** Serves the first batch; keeps the rest under a new cursor id (0 when everything fit). */
  openCursor(namespace: string, docs: Document[], batchSize: number): { id: number; batch: Document[] } {
    const batch = docs.slice(0, batchSize);
    if (batch.length === docs.length) return { id: 0, batch };
    const id = this.#nextCursorId++;
    this.#cursors.set(id, { namespace, docs, position: batch.length });
    return { id, batch };
  }

  /** Serves the next batch of cursor `id`; the returned id is 0 once the cursor is exhausted. */
  getMore(id: number, batchSize: number): { id: number; batch: Document[]; namespace: string } {
    const cursor = this.#cursors.get(id);
    if (!cursor) throw new CommandError(43, "CursorNotFound", `cursor id ${id} not found`);
    const batch = cursor.docs.slice(cursor.position, cursor.position + batchSize);
    cursor.position += batch.length;
    if (cursor.position < cursor.docs.length) return { id, batch, namespace: cursor.namespace };
    this.#cursors.delete(id);
    return { id: 0, batch, namespace: cursor.namespace };
  }

  /** Closes the cursors; returns which ids existed. */
  killCursors(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed = ids.filter((id) => this.#cursors.delete(id));
    return { killed, notFound: ids.filter((id) => !killed.includes(id)) };
  }
}

/** A deep copy that keeps BSON types (ObjectId, Date, Long…), unlike structuredClone. */
export function cloneDocument(doc: Document): Document {
  return deserialize(serialize(doc));
}

/** The value at a dotted path, or undefined. */
export function valueAtPath(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Document)[part];
  }
  return value;
}

function keyValueOf(doc: Document, index: IndexSpec): Document {
  const keyValue: Document = {};
  for (const path of Object.keys(index.key)) keyValue[path] = valueAtPath(doc, path) ?? null;
  return keyValue;
}

function uniqueKey(doc: Document, index: IndexSpec): string {
  return EJSON.stringify(keyValueOf(doc, index), { relaxed: false });
}

function duplicateKeyError(collection: MongoCollection, index: IndexSpec, doc: Document): CommandError {
  const keyValue = keyValueOf(doc, index);
  const shown = `{ ${Object.entries(keyValue).map(([k, v]) => `${k}: ${EJSON.stringify(v, { relaxed: true })}`).join(", ")} }`;
  const error = new CommandError(
    DUPLICATE_KEY,
    "DuplicateKey",
    `E11000 duplicate key error collection: ${collection.namespace} index: ${index.name} dup key: ${shown}`,
  );
  Object.assign(error, { keyPattern: index.key, keyValue });
  return error;
}
