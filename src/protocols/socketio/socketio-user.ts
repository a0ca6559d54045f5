import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { SocketIOClient, type SocketIOTransport } from "./client.ts";

const SETTINGS = ["path", "transports", "extraHeaders", "auth", "connectTimeout", "callTimeout", "reportReceived"] as const;

/**
 * A user with one Socket.IO connection (`this.client`) to its host, opened before `onStart` (a failed connect is a
 * counted ("WS", "connect") failure, and the user keeps running) and closed when the user ends.
 * Settings are static; change `this.client.settings` in a constructor for per-user values (say an auth token).
 * @example
 * ```ts
 * export class Chatter extends SocketIOUser {
 *   static override host = "http://127.0.0.1:3000";
 *   waitTime = between(1, 2);
 *   @task async chat() { await this.client.call("message", { text: "hi" }); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#socketiouser
 */
export class SocketIOUser extends ProtocolUser<SocketIOClient> {
  static override abstract = true;
  /** Engine.IO path on the server. */
  static path = "/socket.io";
  /** Transports to try, in order. Default WebSocket only. */
  static transports: SocketIOTransport[] = ["websocket"];
  /** Headers of the handshake request. */
  static extraHeaders?: Record<string, string>;
  /** The Socket.IO handshake `auth` payload. */
  static auth?: Record<string, unknown>;
  /** Milliseconds to wait for the connection. */
  static connectTimeout = 10_000;
  /** Milliseconds `call` waits for its ack. */
  static callTimeout = 60_000;
  /** Report every received event as ("WSR", event). */
  static reportReceived = true;

  protected override createClient(settings: typeof SocketIOUser): SocketIOClient {
    return new SocketIOClient(this, { ...pickSettings(settings, SETTINGS), url: this.host });
  }
}
