import { EJSON, ObjectId, type Document } from "bson";
import { aggregate, update } from "mingo";
import { CommandError } from "./command-error.ts";
import { cloneDocument } from "./mongo-store.ts";

/** An update's `u`: operators (`{ $set: … }`), a replacement document, or an aggregation pipeline. */
export type UpdateSpec = Document | Document[];

/**
 * Applies `spec` to a copy of `doc` (never in place, so open cursors keep their snapshot).
 * `inserting` is true for the document an upsert creates, where `$setOnInsert` applies.
 */
export function applyUpdate(doc: Document, spec: UpdateSpec, arrayFilters: Document[] | undefined, inserting: boolean): Document {
  if (Array.isArray(spec)) {
    const [result] = aggregate([cloneDocument(doc)], spec);
    return withId(result as Document, doc._id);
  }
  if (!isOperatorDocument(spec)) return withId(cloneDocument(spec), doc._id);
  const { $setOnInsert, ...operators } = spec;
  if (inserting && $setOnInsert) operators.$set = { ...operators.$set, ...$setOnInsert };
  const next = cloneDocument(doc);
  if (Object.keys(operators).length === 0) return next;
  try {
    update(next, operators, arrayFilters);
  } catch (error) {
    throw new CommandError(9, "FailedToParse", `update failed: ${(error as Error).message}`);
  }
  return next;
}

/** Builds the document an upsert inserts: equality fields of the filter, then the update applied. */
export function upsertDocument(filter: Document, spec: UpdateSpec, arrayFilters: Document[] | undefined): Document {
  const equalities: Document = {};
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith("$")) continue;
    if (isOperatorDocument(value)) {
      if ("$eq" in value) equalities[path] = value.$eq;
    } else {
      equalities[path] = value;
    }
  }
  // mingo refuses to $set `_id` (immutable), so the seed gets it directly.
  const { _id: id, ...rest } = equalities;
  const seed: Document = id === undefined ? {} : { _id: id };
  if (Object.keys(rest).length > 0) update(seed, { $set: rest });
  const created = applyUpdate(seed, spec, arrayFilters, true);
  return created._id === undefined ? { _id: new ObjectId(), ...created } : created;
}

/** True when the update changed anything (compared in canonical Extended JSON, so types count). */
export function isChanged(before: Document, after: Document): boolean {
  return EJSON.stringify(before, { relaxed: false }) !== EJSON.stringify(after, { relaxed: false });
}

function isOperatorDocument(value: unknown): value is Document {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith("$"));
}

/** Replacements and pipelines keep the original `_id` first, as mongod does. */
function withId(doc: Document, id: unknown): Document {
  if (id === undefined) return doc;
  const { _id: ignored, ...rest } = doc;
  return { _id: id, ...rest };
}
