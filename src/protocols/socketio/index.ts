/**
 * Socket.IO protocol plugin: `SocketIOUser` and its timed `SocketIOClient` (socket.io-client, loaded on first
 * connect). Request types follow Locust: WS connect, WSS send, WSE emit, WSC call, WSR received.
 * @module
 */
export { SocketIOUser } from "./socketio-user.ts";
export {
  SocketIOClient,
  type SocketIOCallOptions,
  type SocketIOClientOwner,
  type SocketIOHandler,
  type SocketIOSettings,
  type SocketIOTransport,
} from "./client.ts";
export { SOCKETIO_REQUEST_TYPES, UNNAMED, payloadLength } from "./names.ts";
