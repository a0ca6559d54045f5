import type { Environment } from "../../core/environment.ts";
import { User } from "../../core/user/user.ts";
import { WebSocketClient, type WebSocketSettings } from "./client.ts";
import type { WebSocketMessage } from "./names.ts";

/**
 * A user with one WebSocket connection (`this.client`, Bun's built-in WebSocket) to its host, opened in `onStart`
 * and closed in `onStop`. Locust lists a WebSocket user only as experimental; the request types here follow its
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
export class WebSocketUser extends User {
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

  /** This user's WebSocket connection. */
  readonly client: WebSocketClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof WebSocketUser;
    this.client = new WebSocketClient(this, {
      url: this.host,
      protocols: cls.protocols,
      headers: cls.headers,
      tls: cls.tls,
      connectTimeout: cls.connectTimeout,
      requestTimeout: cls.requestTimeout,
      reportReceived: cls.reportReceived,
      receivedName: cls.receivedName,
    });
  }

  /** Connects; a failed connect is a counted ("WS", "connect") failure, and the user keeps running. */
  override async onStart(): Promise<void> {
    await this.client.connect();
  }

  /** Closes the connection. */
  override async onStop(): Promise<void> {
    await this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override async dispose(): Promise<void> {
    await this.client.close();
  }
}
