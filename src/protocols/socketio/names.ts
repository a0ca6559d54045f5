/**
 * Locust's Socket.IO request types: the type says what happened, the name is the event (or a given name).
 * WS = connect, WSS = `send` (a "message" event), WSE = `emit`, WSC = `call` (emit and wait for the ack),
 * WSR = an event received from the server.
 */
export const SOCKETIO_REQUEST_TYPES = {
  connect: "WS",
  send: "WSS",
  emit: "WSE",
  call: "WSC",
  received: "WSR",
} as const;

/** Name of a `send` without an explicit name (Locust's default). */
export const UNNAMED = "Unnamed";

const encoder = new TextEncoder();

function byteLength(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "string") return encoder.encode(value).byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === "function") return 0;
  try {
    return encoder.encode(JSON.stringify(value) ?? "").byteLength;
  } catch {
    // Circular data cannot be JSON; Socket.IO would fail to send it anyway, so it has no size to report.
    return 0;
  }
}

/**
 * Response length of event arguments: UTF-8 bytes of strings, bytes of binary data, UTF-8 bytes of the JSON of
 * anything else, summed over the arguments. (Locust uses Python's `len(data)`: characters of a string, keys of a
 * dict — not comparable between payload shapes.)
 */
export function payloadLength(args: readonly unknown[]): number {
  let total = 0;
  for (const arg of args) total += byteLength(arg);
  return total;
}
