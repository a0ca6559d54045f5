/**
 * @module locust-bun/mongodb — MongoDBUser: load-test MongoDB with the official driver (needs `mongodb`).
 */
export { MongoDBUser } from "./mongodb-user.ts";
export {
  MongoDBClient,
  type MongoDBClientOwner,
  type MongoDBClientSettings,
  type MongoRequestOptions,
} from "./client.ts";
export { MONGODB_REQUEST_TYPE, formatMongoRequestName, type MongoOperation } from "./names.ts";
