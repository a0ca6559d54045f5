import type { Environment } from "../../core/environment.ts";
import { User } from "../../core/user/user.ts";
import { SocketIOClient, type SocketIOTransport } from "./client.ts";

/**
 * A user with one Socket.IO connection (`this.client`) to its host, opened in `onStart` and closed in `onStop`.
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
export class SocketIOUser extends User {
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

  /** This user's Socket.IO connection. */
  readonly client: SocketIOClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof SocketIOUser;
    this.client = new SocketIOClient(this, {
      url: this.host,
      path: cls.path,
      transports: cls.transports,
      extraHeaders: cls.extraHeaders,
      auth: cls.auth,
      connectTimeout: cls.connectTimeout,
      callTimeout: cls.callTimeout,
      reportReceived: cls.reportReceived,
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
