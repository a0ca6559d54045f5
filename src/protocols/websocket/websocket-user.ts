import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { WebSocketClient, type WebSocketSettings } from "./client.ts";
import type { WebSocketMessage } from "./names.ts";

const SETTINGS = ["protocols", "headers", "tls", "connectTimeout", "requestTimeout", "reportReceived", "receivedName"] as const;

/**
 * A user with one WebSocket connection (`this.client`, Bun's built-in WebSocket) to its host, opened before
 * `onStart` (a failed connect is a counted ("WS", "connect") failure) and closed when the user ends. Locust lists a WebSocket user only as experimental; the request types here follow its
 * SocketIOUser (WS connect, WSS send, WSC request/reply, WSR received).
 * @example
 * ```ts
 * export class Trader extends WebSocketUser {
 *   static override host = "ws://127.0.0.1:8080/ws";
 *   @task async quote() {
 *     await this.client.request('{"op":"quote"}', { match: (m) => String(m).includes('"quote"'), name: "quote" });
 *   }
 * }
 * ```
 */
export class WebSocketUser extends ProtocolUser<WebSocketClient> {
  static override abstract = true;
  /** Subprotocols to offer. */
  static protocols?: string | string[];
  /** Headers of the upgrade request. */
  static headers?: Record<string, string>;
  /** TLS options (e.g. `{ rejectUnauthorized: false }`). */
  static tls?: WebSocketSettings["tls"];
  /** Milliseconds to wait for the handshake. */
  static connectTimeout = 10_000;
  /** Milliseconds `request` waits for its reply. */
  static requestTimeout = 10_000;
  /** Report every received message as ("WSR", name). */
  static reportReceived = false;
  /** Statistics name of a received message. */
  static receivedName?: (message: WebSocketMessage) => string;

  protected override createClient(settings: typeof WebSocketUser): WebSocketClient {
    return new WebSocketClient(this, { ...pickSettings(settings, SETTINGS), url: this.host });
  }
}
