/**
 * ZMTP 3.1 wire pieces with no sockets: the greeting, command bodies (READY, ERROR, PING/PONG) and message frames.
 * Only what Locust's DEALER/ROUTER pair needs: NULL mechanism, no ZMTP 1.0/2.0 fallback.
 * @see https://rfc.zeromq.org/spec/37/
 * @module
 */

/** Every ZMTP 3.x peer opens with exactly this many bytes. */
export const GREETING_SIZE = 64;
/** Frame flag bits (ZMTP 3.x §"Framing"); bits 3–7 are reserved and must be zero. */
export const FLAG_MORE = 0x01;
export const FLAG_LONG = 0x02;
export const FLAG_COMMAND = 0x04;
export const RESERVED_FLAG_BITS = 0xf8;

/** A peer broke the protocol; `message` is a short reason fit for one log line. */
export class ZmtpProtocolError extends Error {
  override name = "ZmtpProtocolError";
}

/** What a peer's greeting announced. */
export interface ZmtpGreeting {
  major: number;
  minor: number;
  mechanism: string;
  asServer: boolean;
}

/** A decoded command frame; names the layer does not act on keep their raw data. */
export type ZmtpCommand =
  | { name: "READY"; properties: Map<string, Uint8Array> }
  | { name: "ERROR"; reason: string }
  | { name: "PING"; ttlDeciseconds: number; context: Uint8Array }
  | { name: "PONG"; context: Uint8Array }
  | { name: "OTHER"; commandName: string; data: Uint8Array };

const ascii = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Our 64-byte greeting: version 3.1, mechanism NULL, as-server 0. */
export function encodeGreeting(): Uint8Array {
  const bytes = new Uint8Array(GREETING_SIZE);
  bytes[0] = 0xff;
  bytes[9] = 0x7f;
  bytes[10] = 3;
  bytes[11] = 1;
  bytes.set(ascii.encode("NULL"), 12);
  return bytes;
}

/** One frame header + body; the long form is used only when the body exceeds 255 bytes, as the RFC asks. */
function encodeFrame(flags: number, body: Uint8Array): Uint8Array {
  const long = body.length > 255;
  const headerSize = long ? 9 : 2;
  const frame = new Uint8Array(headerSize + body.length);
  frame[0] = flags | (long ? FLAG_LONG : 0);
  if (long) new DataView(frame.buffer).setBigUint64(1, BigInt(body.length));
  else frame[1] = body.length;
  frame.set(body, headerSize);
  return frame;
}

/** The frames of one message (all but the last flagged MORE), joined into one buffer ready to write. */
export function encodeMultipart(parts: readonly Uint8Array[]): Uint8Array {
  const frames = parts.map((part, i) => encodeFrame(i < parts.length - 1 ? FLAG_MORE : 0, part));
  if (frames.length === 1) return frames[0]!;
  const out = new Uint8Array(frames.reduce((sum, f) => sum + f.length, 0));
  let offset = 0;
  for (const frame of frames) {
    out.set(frame, offset);
    offset += frame.length;
  }
  return out;
}

/** A whole command frame: name length, ASCII name, data. */
export function encodeCommand(name: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const nameBytes = ascii.encode(name);
  const body = new Uint8Array(1 + nameBytes.length + data.length);
  body[0] = nameBytes.length;
  body.set(nameBytes, 1);
  body.set(data, 1 + nameBytes.length);
  return encodeFrame(FLAG_COMMAND, body);
}

/**
 * The READY command with `Socket-Type` and `Identity`, spelled with exactly this case: libzmq 4.3 compares the
 * property names case-sensitively although the RFC says otherwise.
 */
export function encodeReady(socketType: string, identity: Uint8Array): Uint8Array {
  const props = [encodeProperty("Socket-Type", ascii.encode(socketType)), encodeProperty("Identity", identity)];
  const data = new Uint8Array(props[0]!.length + props[1]!.length);
  data.set(props[0]!, 0);
  data.set(props[1]!, props[0]!.length);
  return encodeCommand("READY", data);
}

function encodeProperty(name: string, value: Uint8Array): Uint8Array {
  const nameBytes = ascii.encode(name);
  const out = new Uint8Array(1 + nameBytes.length + 4 + value.length);
  out[0] = nameBytes.length;
  out.set(nameBytes, 1);
  new DataView(out.buffer).setUint32(1 + nameBytes.length, value.length);
  out.set(value, 5 + nameBytes.length);
  return out;
}

/** The PONG answering a PING: it echoes the PING's context. */
export function encodePong(context: Uint8Array): Uint8Array {
  return encodeCommand("PONG", context);
}

/** The ERROR command (reason cut to the 255 bytes its one-byte length allows). */
export function encodeError(reason: string): Uint8Array {
  const text = ascii.encode(reason).subarray(0, 255);
  const data = new Uint8Array(1 + text.length);
  data[0] = text.length;
  data.set(text, 1);
  return encodeCommand("ERROR", data);
}

/** Checks the greeting bytes received so far, so a non-ZMTP client is refused before 64 bytes arrive. */
export function checkGreetingPrefix(prefix: Uint8Array): void {
  if (prefix.length > 0 && prefix[0] !== 0xff) throw new ZmtpProtocolError("not a ZMTP peer (bad greeting signature)");
  if (prefix.length > 9 && (prefix[9]! & 0x01) === 0) {
    throw new ZmtpProtocolError("ZMTP 1.0 peer (unversioned greeting); ZMTP 3 is required");
  }
  if (prefix.length > 10 && prefix[10]! < 3) {
    throw new ZmtpProtocolError(`ZMTP ${prefix[10]}.x peer; ZMTP 3 is required`);
  }
}

/** Parses and validates a whole 64-byte greeting; only the NULL mechanism is accepted. */
export function parseGreeting(bytes: Uint8Array): ZmtpGreeting {
  checkGreetingPrefix(bytes);
  const mechanism = latin1.decode(bytes.subarray(12, 32)).replace(/\0+$/, "");
  if (mechanism !== "NULL") throw new ZmtpProtocolError(`unsupported security mechanism "${mechanism}" (only NULL)`);
  return { major: bytes[10]!, minor: bytes[11]!, mechanism, asServer: bytes[32] === 1 };
}

/** Parses a command frame body; a truncated body is a protocol error. */
export function parseCommand(body: Uint8Array): ZmtpCommand {
  const nameLength = body[0];
  if (nameLength === undefined || body.length < 1 + nameLength) throw new ZmtpProtocolError("truncated command");
  const name = latin1.decode(body.subarray(1, 1 + nameLength));
  const data = body.subarray(1 + nameLength);
  switch (name) {
    case "READY":
      return { name, properties: parseProperties(data) };
    case "ERROR":
      return { name, reason: latin1.decode(data.subarray(1, 1 + (data[0] ?? 0))) };
    case "PING":
      if (data.length < 2) throw new ZmtpProtocolError("truncated PING");
      return { name, ttlDeciseconds: (data[0]! << 8) | data[1]!, context: data.subarray(2, 18) };
    case "PONG":
      return { name, context: data };
    default:
      return { name: "OTHER", commandName: name, data };
  }
}

function parseProperties(data: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const properties = new Map<string, Uint8Array>();
  let offset = 0;
  while (offset < data.length) {
    const nameLength = data[offset]!;
    const valueAt = offset + 1 + nameLength + 4;
    if (valueAt > data.length) throw new ZmtpProtocolError("truncated READY property");
    const name = latin1.decode(data.subarray(offset + 1, offset + 1 + nameLength));
    const valueLength = view.getUint32(valueAt - 4);
    if (valueAt + valueLength > data.length) throw new ZmtpProtocolError(`truncated READY property ${name}`);
    properties.set(name, data.subarray(valueAt, valueAt + valueLength));
    offset = valueAt + valueLength;
  }
  return properties;
}
