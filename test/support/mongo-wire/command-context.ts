import type { Document } from "bson";
import type { MongoStore } from "./mongo-store.ts";

/** Per-connection state: its id (for hello) and who authenticated on it. */
export interface ConnectionState {
  id: number;
  user?: string;
  /** An unfinished SCRAM conversation (between saslStart and saslContinue). */
  scram?: { user: string; authMessagePrefix: string; serverNonce: string; salt: Uint8Array; iterations: number };
}

/** What every command handler gets besides the command document. */
export interface CommandContext {
  /** The database the command ran against (`$db`). */
  db: string;
  store: MongoStore;
  connection: ConnectionState;
  /** username → password; undefined when the server does not require authentication. */
  users?: Readonly<Record<string, string>>;
}

/** A command implementation: returns the reply without `ok` (added for it) or throws a CommandError. */
export type CommandHandler = (body: Document, context: CommandContext) => Document;
