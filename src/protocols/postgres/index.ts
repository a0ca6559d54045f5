/**
 * PostgreSQL protocol plugin: `PostgresUser` and its timed `PostgresClient` (node-postgres, loaded on first
 * connect). Request type "postgres"; names are given or derived from the SQL.
 * @module
 */
export { PostgresUser } from "./postgres-user.ts";
export { PostgresClient, type PostgresClientOwner, type PostgresSettings } from "./client.ts";
export { PostgresTransaction } from "./transaction.ts";
export { MAX_QUERY_NAME_LENGTH, POSTGRES_REQUEST_TYPE, formatQueryName } from "./names.ts";
