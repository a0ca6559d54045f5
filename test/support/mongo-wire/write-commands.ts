import { ObjectId, type Document } from "bson";
import { Query } from "mingo";
import { applyUpdate, isChanged, upsertDocument } from "./apply-update.ts";
import { CommandError } from "./command-error.ts";
import type { CommandContext } from "./command-context.ts";
import { cloneDocument, type MongoCollection } from "./mongo-store.ts";

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

/** `insert`: stores copies of the documents; unique-index clashes become E11000 write errors. */
export function insertCommand(body: Document, { db, store }: CommandContext): Document {
  const collection = store.getOrCreate(db, String(body.insert));
  const docs = (body.documents ?? []) as Document[];
  return runWrites(docs, body.ordered !== false, { n: 0 }, (doc, _i, reply) => {
    // mongod stores `_id` first, whatever position the driver appended it at.
    const { _id: id = new ObjectId(), ...rest } = cloneDocument(doc);
    const stored = { _id: id, ...rest };
    collection.assertUnique(stored);
    collection.docs.push(stored);
    reply.n++;
  });
}

/** `update`: operators, replacement or pipeline; `multi` and `upsert` as mongod applies them. */
export function updateCommand(body: Document, { db, store }: CommandContext): Document {
  const collection = store.getOrCreate(db, String(body.update));
  const specs = (body.updates ?? []) as Document[];
  const upserted: Document[] = [];
  const reply = runWrites(specs, body.ordered !== false, { n: 0, nModified: 0 }, (spec, index, counts) => {
    const matched = matchingPositions(collection, spec.q ?? {}, spec.multi === true);
    for (const position of matched) {
      const before = collection.docs[position]!;
      const after = applyUpdate(before, spec.u, spec.arrayFilters, false);
      if (!isChanged(before, after)) continue;
      collection.assertUnique(after, position);
      collection.docs[position] = after;
      counts.nModified++;
    }
    counts.n += matched.length;
    if (matched.length === 0 && spec.upsert === true) {
      const created = upsertDocument(spec.q ?? {}, spec.u, spec.arrayFilters);
      collection.assertUnique(created);
      collection.docs.push(created);
      counts.n++;
      upserted.push({ index, _id: created._id });
    }
  });
  return upserted.length > 0 ? { ...reply, upserted } : reply;
}

/** `delete`: `limit: 1` removes the first match, `limit: 0` every match. */
export function deleteCommand(body: Document, { db, store }: CommandContext): Document {
  const collection = store.get(db, String(body.delete));
  const specs = (body.deletes ?? []) as Document[];
  return runWrites(specs, body.ordered !== false, { n: 0 }, (spec, _i, counts) => {
    if (!collection) return;
    const doomed = new Set(matchingPositions(collection, spec.q ?? {}, spec.limit !== 1));
    collection.docs = collection.docs.filter((_doc, position) => !doomed.has(position));
    counts.n += doomed.size;
  });
}

/** Positions of the documents matching `filter`: all of them, or only the first. */
export function matchingPositions(collection: MongoCollection, filter: Document, all: boolean): number[] {
  const query = new Query(filter);
  const positions: number[] = [];
  for (let i = 0; i < collection.docs.length; i++) {
    if (!query.test(collection.docs[i]!)) continue;
    positions.push(i);
    if (!all) break;
  }
  return positions;
}

/**
 * Runs one write per item, turning a CommandError into a write error at that index.
 * An ordered batch stops at the first write error, an unordered one carries on (mongod semantics).
 */
function runWrites<T extends Document, C extends Document>(
  items: T[],
  ordered: boolean,
  counts: C,
  write: (item: T, index: number, counts: C) => void,
): Document {
  const writeErrors: WriteError[] = [];
  for (let index = 0; index < items.length; index++) {
    try {
      write(items[index]!, index, counts);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      const { code, message, keyPattern, keyValue } = error as CommandError & Document;
      writeErrors.push({ index, code, errmsg: message, ...(keyPattern ? { keyPattern, keyValue } : {}) });
      if (ordered) break;
    }
  }
  return writeErrors.length > 0 ? { ...counts, writeErrors } : { ...counts };
}
