import { Long, type Document } from "bson";
import { aggregate, find } from "mingo";
import { CommandError } from "./command-error.ts";
import type { CommandContext } from "./command-context.ts";
import { cloneDocument, type MongoStore } from "./mongo-store.ts";

const DEFAULT_BATCH_SIZE = 101;

/** `find`: filter, sort, skip, limit, projection; the result is served through a cursor. */
export function findCommand(body: Document, { db, store }: CommandContext): Document {
  const name = String(body.find);
  const docs = store.get(db, name)?.docs ?? [];
  const filter = body.filter ?? {};
  const cursor = find(docs, filter);
  if (body.sort && Object.keys(body.sort).length > 0) cursor.sort(body.sort);
  if (body.skip) cursor.skip(Number(body.skip));
  if (body.limit) cursor.limit(Math.abs(Number(body.limit)));
  const results = project(cursor.all() as Document[], filter, body.projection);
  const batchSize = body.singleBatch === true ? results.length : Number(body.batchSize ?? DEFAULT_BATCH_SIZE);
  return firstBatchReply(store, `${db}.${name}`, results, batchSize);
}

/** `aggregate`: the pipeline runs on copies of the documents; `$lookup` reads sibling collections. */
export function aggregateCommand(body: Document, { db, store }: CommandContext): Document {
  const name = body.aggregate === 1 ? "$cmd.aggregate" : String(body.aggregate);
  const docs = (store.get(db, name)?.docs ?? []).map(cloneDocument);
  const collectionResolver = (other: string): Document[] => (store.get(db, other)?.docs ?? []).map(cloneDocument);
  let results: Document[];
  try {
    results = aggregate(docs, (body.pipeline ?? []) as Document[], { collectionResolver }) as Document[];
  } catch (error) {
    throw new CommandError(40324, "Location40324", `aggregation failed: ${(error as Error).message}`);
  }
  const batchSize = Number(body.cursor?.batchSize ?? DEFAULT_BATCH_SIZE);
  return firstBatchReply(store, `${db}.${name}`, results, batchSize);
}

/** `getMore`: the next batch of an open cursor. */
export function getMoreCommand(body: Document, { db, store }: CommandContext): Document {
  const requested = Number(body.batchSize ?? 0);
  const { id, batch, namespace } = store.getMore(Number(body.getMore), requested > 0 ? requested : Infinity);
  return { cursor: { nextBatch: batch, id: Long.fromNumber(id), ns: namespace || `${db}.${body.collection}` } };
}

/** `killCursors`: closes cursors the client abandons before exhausting them. */
export function killCursorsCommand(body: Document, { store }: CommandContext): Document {
  const ids = ((body.cursors ?? []) as unknown[]).map(Number);
  const { killed, notFound } = store.killCursors(ids);
  return { cursorsKilled: killed.map((id) => Long.fromNumber(id)), cursorsNotFound: notFound.map((id) => Long.fromNumber(id)), cursorsAlive: [], cursorsUnknown: [] };
}

/** `count` (what estimatedDocumentCount and the legacy count send). */
export function countCommand(body: Document, { db, store }: CommandContext): Document {
  const docs = store.get(db, String(body.count))?.docs ?? [];
  let n = find(docs, body.query ?? {}).all().length;
  n = Math.max(0, n - Number(body.skip ?? 0));
  if (body.limit) n = Math.min(n, Math.abs(Number(body.limit)));
  return { n };
}

/** `distinct`: the distinct values of one field among the matching documents. */
export function distinctCommand(body: Document, { db, store }: CommandContext): Document {
  const docs = store.get(db, String(body.distinct))?.docs ?? [];
  const [row] = aggregate(docs, [{ $match: body.query ?? {} }, { $group: { _id: null, values: { $addToSet: `$${body.key}` } } }]);
  return { values: (row as Document | undefined)?.values ?? [] };
}

/** Applies a projection per document, keeping the stored field order (mingo puts included fields first). */
function project(docs: Document[], filter: Document, projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return docs.map((doc) => {
    const projected = find([doc], filter, projection).all()[0] as Document;
    const ordered: Document = {};
    for (const key of Object.keys(doc)) if (key in projected) ordered[key] = projected[key];
    return Object.assign(ordered, projected);
  });
}

/** The `{ cursor: { firstBatch, id, ns } }` reply shape shared by find, aggregate and listX commands. */
export function firstBatchReply(store: MongoStore, namespace: string, results: Document[], batchSize: number): Document {
  const { id, batch } = store.openCursor(namespace, results, batchSize);
  return { cursor: { firstBatch: batch, id: Long.fromNumber(id), ns: namespace } };
}
