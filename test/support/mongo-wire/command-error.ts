import type { Document } from "bson";

/** A command failure that the server answers with `{ ok: 0, errmsg, code, codeName }`, as mongod does. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly errorLabels: string[];

  constructor(code: number, codeName: string, message: string, errorLabels: string[] = []) {
    super(message);
    this.name = "CommandError";
    this.code = code;
    this.codeName = codeName;
    this.errorLabels = errorLabels;
  }

  /** The reply document for this failure. */
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName };
    if (this.errorLabels.length > 0) reply.errorLabels = this.errorLabels;
    return reply;
  }
}

/** mongod's code for a duplicate key in a unique index. */
export const DUPLICATE_KEY = 11000;
