import { Binary, type Document } from "bson";
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { CommandError } from "./command-error.ts";
import type { CommandContext } from "./command-context.ts";

// The driver refuses fewer than 4096 iterations.
const ITERATIONS = 4096;

/** Commands mongod runs before a connection has authenticated. */
export const UNAUTHENTICATED_COMMANDS = new Set([
  "hello", "ismaster", "isMaster", "saslStart", "saslContinue", "ping", "buildInfo", "buildinfo", "endSessions", "logout",
]);

/** `saslStart` for SCRAM-SHA-256: answers the client-first message with nonce, salt and iteration count. */
export function saslStartCommand(body: Document, context: CommandContext): Document {
  if (body.mechanism !== "SCRAM-SHA-256") {
    throw new CommandError(2, "BadValue", `Unsupported mechanism ${String(body.mechanism)}`);
  }
  const clientFirst = payloadText(body.payload);
  const bare = clientFirst.replace(/^[^,]*,[^,]*,/, "");
  const fields = parseFields(bare);
  const user = (fields.n ?? "").replaceAll("=2C", ",").replaceAll("=3D", "=");
  const serverNonce = `${fields.r}${randomBytes(18).toString("base64")}`;
  const salt = randomBytes(16);
  const serverFirst = `r=${serverNonce},s=${salt.toString("base64")},i=${ITERATIONS}`;
  context.connection.scram = { user, authMessagePrefix: `${bare},${serverFirst}`, serverNonce, salt, iterations: ITERATIONS };
  return { conversationId: 1, done: false, payload: new Binary(Buffer.from(serverFirst)) };
}

/** `saslContinue`: checks the client proof against the configured password; proves the server back. */
export function saslContinueCommand(body: Document, context: CommandContext): Document {
  const conversation = context.connection.scram;
  context.connection.scram = undefined;
  if (!conversation) throw authenticationFailed();
  const clientFinal = payloadText(body.payload);
  const withoutProof = clientFinal.replace(/,p=[^,]*$/, "");
  const fields = parseFields(clientFinal);
  const password = context.users?.[conversation.user];
  if (password === undefined || fields.r !== conversation.serverNonce || !fields.p) throw authenticationFailed();
  const saltedPassword = pbkdf2Sync(password.normalize("NFKC"), conversation.salt, conversation.iterations, 32, "sha256");
  const clientKey = hmac(saltedPassword, "Client Key");
  const storedKey = createHash("sha256").update(clientKey).digest();
  const authMessage = `${conversation.authMessagePrefix},${withoutProof}`;
  const clientSignature = hmac(storedKey, authMessage);
  const expectedProof = Buffer.from(clientKey.map((byte, i) => byte ^ clientSignature[i]!));
  const givenProof = Buffer.from(fields.p, "base64");
  if (givenProof.length !== expectedProof.length || !timingSafeEqual(givenProof, expectedProof)) throw authenticationFailed();
  context.connection.user = conversation.user;
  const serverSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage).toString("base64");
  return { conversationId: 1, done: true, payload: new Binary(Buffer.from(`v=${serverSignature}`)) };
}

function hmac(key: Uint8Array, text: string): Buffer {
  return createHmac("sha256", key).update(text).digest();
}

function payloadText(payload: unknown): string {
  if (payload instanceof Binary) return Buffer.from(payload.buffer.subarray(0, payload.position)).toString("utf8");
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString("utf8");
  return String(payload ?? "");
}

function parseFields(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of message.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}

function authenticationFailed(): CommandError {
  return new CommandError(18, "AuthenticationFailed", "Authentication failed.");
}
