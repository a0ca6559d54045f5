import { deserialize, serialize, type Document } from "bson";

/** Opcodes of the MongoDB wire protocol that the test server reads or writes. */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_BYTES = 16;
const FLAG_CHECKSUM_PRESENT = 1;
const FLAG_MORE_TO_COME = 2;

/** One decoded client request: the command document plus how to answer it. */
export interface WireRequest {
  opCode: number;
  requestId: number;
  /** The command, with any OP_MSG kind-1 document sequences merged in as arrays. */
  body: Document;
  /** Database from `$db` (OP_MSG) or from `<db>.$cmd` (OP_QUERY). */
  db: string;
  /** The client set moreToCome (w:0 write): the server must not reply. */
  noReply: boolean;
}

/**
 * Splits complete messages off the front of `buffer`.
 * Returns the frames found and the unconsumed tail (a partial message, possibly empty).
 */
export function splitFrames(buffer: Uint8Array): { frames: Uint8Array[]; rest: Uint8Array } {
  const frames: Uint8Array[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = new DataView(buffer.buffer, buffer.byteOffset + offset).getInt32(0, true);
    if (length < HEADER_BYTES) throw new Error(`invalid message length ${length}`);
    if (buffer.length - offset < length) break;
    frames.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/** Decodes one complete frame; throws on an opcode this server does not speak (e.g. OP_COMPRESSED). */
export function decodeRequest(frame: Uint8Array): WireRequest {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const requestId = view.getInt32(4, true);
  const opCode = view.getInt32(12, true);
  if (opCode === OP_MSG) return decodeOpMsg(frame, view, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(frame, view, requestId);
  throw new Error(`unsupported opcode ${opCode}`);
}

function decodeOpMsg(frame: Uint8Array, view: DataView, requestId: number): WireRequest {
  const flags = view.getUint32(HEADER_BYTES, true);
  const end = flags & FLAG_CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  let offset = HEADER_BYTES + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = frame[offset++];
    if (kind === 0) {
      const size = view.getInt32(offset, true);
      body = deserialize(frame.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = view.getInt32(offset, true);
      sequences.push(decodeSequence(frame, view, offset, offset + size));
      offset += size;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error("OP_MSG without a body section");
  for (const [name, docs] of sequences) body[name] = docs;
  return { opCode: OP_MSG, requestId, body, db: String(body.$db ?? "admin"), noReply: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function decodeSequence(frame: Uint8Array, view: DataView, start: number, end: number): [string, Document[]] {
  const nameEnd = frame.indexOf(0, start + 4);
  const name = new TextDecoder().decode(frame.subarray(start + 4, nameEnd));
  const docs: Document[] = [];
  let offset = nameEnd + 1;
  while (offset < end) {
    const size = view.getInt32(offset, true);
    docs.push(deserialize(frame.subarray(offset, offset + size)));
    offset += size;
  }
  return [name, docs];
}

function decodeOpQuery(frame: Uint8Array, view: DataView, requestId: number): WireRequest {
  const nameStart = HEADER_BYTES + 4;
  const nameEnd = frame.indexOf(0, nameStart);
  const fullName = new TextDecoder().decode(frame.subarray(nameStart, nameEnd));
  const queryStart = nameEnd + 1 + 8;
  const size = view.getInt32(queryStart, true);
  let body = deserialize(frame.subarray(queryStart, queryStart + size));
  // Legacy drivers wrap the command as { $query: {...}, $readPreference }.
  if (body.$query && typeof body.$query === "object") body = body.$query as Document;
  return { opCode: OP_QUERY, requestId, body, db: fullName.split(".")[0] ?? "admin", noReply: false };
}

function header(length: number, responseTo: number, opCode: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, length, true);
  view.setInt32(4, nextResponseId++, true);
  view.setInt32(8, responseTo, true);
  view.setInt32(12, opCode, true);
  return bytes;
}

let nextResponseId = 1;

/** Encodes `doc` as the reply to `request`, in the opcode family the request used. */
export function encodeReply(request: WireRequest, doc: Document): Uint8Array {
  const bson = serialize(doc);
  if (request.opCode === OP_QUERY) {
    // OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned, then the document.
    const length = HEADER_BYTES + 20 + bson.length;
    const out = new Uint8Array(length);
    out.set(header(length, request.requestId, OP_REPLY), 0);
    new DataView(out.buffer).setInt32(HEADER_BYTES + 16, 1, true);
    out.set(bson, HEADER_BYTES + 20);
    return out;
  }
  const length = HEADER_BYTES + 4 + 1 + bson.length;
  const out = new Uint8Array(length);
  out.set(header(length, request.requestId, OP_MSG), 0);
  out[HEADER_BYTES + 4] = 0;
  out.set(bson, HEADER_BYTES + 5);
  return out;
}
