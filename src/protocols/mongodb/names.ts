/** The request type of every MongoDB operation in the statistics (Locust's). */
export const MONGODB_REQUEST_TYPE = "MONGODB";

/** The operations MongoDBClient times, named as the driver's methods. */
export type MongoOperation =
  | "find"
  | "findOne"
  | "insertOne"
  | "insertMany"
  | "updateOne"
  | "updateMany"
  | "deleteOne"
  | "deleteMany"
  | "aggregate"
  | "countDocuments";

/**
 * The default statistics name: `"<operation> <collection>"`, e.g. `"find users"`. Locust names every query
 * `"QUERY"`, which hides which collection and operation is slow.
 */
export function formatMongoRequestName(operation: MongoOperation, collection: string): string {
  return `${operation} ${collection}`;
}
