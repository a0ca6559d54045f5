import {
  buildInfoCommand,
  createCommand,
  createIndexesCommand,
  dropCommand,
  dropDatabaseCommand,
  helloCommand,
  listCollectionsCommand,
  listDatabasesCommand,
  listIndexesCommand,
} from "./admin-commands.ts";
import type { CommandHandler } from "./command-context.ts";
import { findAndModifyCommand } from "./find-and-modify.ts";
import {
  aggregateCommand,
  countCommand,
  distinctCommand,
  findCommand,
  getMoreCommand,
  killCursorsCommand,
} from "./read-commands.ts";
import { saslContinueCommand, saslStartCommand } from "./scram-auth.ts";
import { deleteCommand, insertCommand, updateCommand } from "./write-commands.ts";

const empty: CommandHandler = () => ({});

/** Every command the test server understands, by the name the driver sends (the body's first key). */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  hello: helloCommand,
  isMaster: helloCommand,
  ismaster: helloCommand,
  ping: empty,
  buildInfo: buildInfoCommand,
  buildinfo: buildInfoCommand,
  endSessions: empty,
  logout: empty,
  saslStart: saslStartCommand,
  saslContinue: saslContinueCommand,
  insert: insertCommand,
  update: updateCommand,
  delete: deleteCommand,
  findAndModify: findAndModifyCommand,
  find: findCommand,
  getMore: getMoreCommand,
  killCursors: killCursorsCommand,
  aggregate: aggregateCommand,
  count: countCommand,
  distinct: distinctCommand,
  createIndexes: createIndexesCommand,
  listIndexes: listIndexesCommand,
  create: createCommand,
  drop: dropCommand,
  dropDatabase: dropDatabaseCommand,
  listCollections: listCollectionsCommand,
  listDatabases: listDatabasesCommand,
};
