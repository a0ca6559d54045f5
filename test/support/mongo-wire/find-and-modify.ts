import type { Document } from "bson";
import { find } from "mingo";
import { applyUpdate, upsertDocument } from "./apply-update.ts";
import type { CommandContext } from "./command-context.ts";

/**
 * `findAndModify` (findOneAndUpdate / findOneAndReplace / findOneAndDelete):
 * picks the first match in `sort` order, then removes, updates or upserts it.
 */
export function findAndModifyCommand(body: Document, { db, store }: CommandContext): Document {
  const collection = store.getOrCreate(db, String(body.findAndModify));
  const cursor = find(collection.docs, body.query ?? {});
  if (body.sort && Object.keys(body.sort).length > 0) cursor.sort(body.sort);
  const [target] = cursor.limit(1).all() as Document[];
  const position = target ? collection.docs.indexOf(target) : -1;
  if (body.remove === true) {
    if (position >= 0) collection.docs = collection.docs.filter((_doc, i) => i !== position);
    return { lastErrorObject: { n: position >= 0 ? 1 : 0 }, value: project(target ?? null, body.fields) };
  }
  if (position >= 0) {
    const after = applyUpdate(target!, body.update, body.arrayFilters, false);
    collection.assertUnique(after, position);
    collection.docs[position] = after;
    const value = body.new === true ? after : target!;
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(value, body.fields) };
  }
  if (body.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const created = upsertDocument(body.query ?? {}, body.update, body.arrayFilters);
  collection.assertUnique(created);
  collection.docs.push(created);
  const value = body.new === true ? project(created, body.fields) : null;
  return { lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id }, value };
}

function project(doc: Document | null, fields: Document | undefined): Document | null {
  if (!doc || !fields || Object.keys(fields).length === 0) return doc;
  return (find([doc], {}, fields).all()[0] as Document | undefined) ?? null;
}
