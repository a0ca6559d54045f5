/**
 * Request types of the WebSocket user, the same letters as Locust's SocketIOUser so both read alike in the
 * statistics: WS = connect, WSS = send (fire and forget), WSC = request (send and wait for a matching reply),
 * WSR = a received message (only with `reportReceived`).
 */
export const WEBSOCKET_REQUEST_TYPES = {
  connect: "WS",
  send: "WSS",
  request: "WSC",
  received: "WSR",
} as const;

/** Name of a `send` without an explicit name (as SocketIOUser's `send`). */
export const UNNAMED = "Unnamed";

/** Name of a `request` without an explicit name. */
export const REQUEST_NAME = "request";

/** Name of received messages when no `receivedName` function is set. */
export const RECEIVED_NAME = "message";

/** A message as handlers and matchers see it: text, or the bytes of a binary frame. */
export type WebSocketMessage = string | Uint8Array;

/** What `send` and `request` accept. */
export type WebSocketData = string | BufferSource;

const encoder = new TextEncoder();

/** Length of a message in bytes (UTF-8 for text). */
export function messageLength(data: string | { readonly byteLength: number }): number {
  return typeof data === "string" ? encoder.encode(data).byteLength : data.byteLength;
}
