/**
 * WebSocket protocol plugin on Bun's built-in WebSocket: `WebSocketUser` and its timed `WebSocketClient`.
 * Request types: WS connect, WSS send, WSC request/reply, WSR received (opt-in).
 * @module
 */
export { WebSocketUser } from "./websocket-user.ts";
export {
  WebSocketClient,
  type WebSocketClientOwner,
  type WebSocketMessageHandler,
  type WebSocketRequestOptions,
  type WebSocketSettings,
} from "./client.ts";
export type { ReplyMatcher } from "./reply-waiters.ts";
export {
  RECEIVED_NAME,
  REQUEST_NAME,
  UNNAMED,
  WEBSOCKET_REQUEST_TYPES,
  messageLength,
  type WebSocketData,
  type WebSocketMessage,
} from "./names.ts";
