/**
 * SocketIOClient: socket.io-client behind Locust's Socket.IO request events — connect (WS), send (WSS), emit (WSE),
 * call (WSC) and every received event (WSR), each reported through `events.request`.
 * @module
 */
import type { Socket } from "socket.io-client";
import { LocustError } from "../../core/errors.ts";
import { importSocketIoClient, type SocketIoClientModule } from "./import-socketio-client.ts";
import { payloadLength, SOCKETIO_REQUEST_TYPES as TYPES, UNNAMED } from "./names.ts";
import type { RequestMeta } from "../../core/events/request-hook.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

/** What this client needs from its user (a `User` fits). */
export type SocketIOClientOwner = ClientOwner;

/** An Engine.IO transport. */
export type SocketIOTransport = "polling" | "websocket" | "webtransport";

/** Connection settings of a {@link SocketIOClient}. */
export interface SocketIOSettings {
  /** Server URL (`http(s)://` or `ws(s)://`); a path names the namespace, e.g. `http://host:3000/chat`. */
  url?: string;
  /** Engine.IO path on the server. Default `/socket.io`. */
  path?: string;
  /**
   * Default `["websocket"]`: one connection per user, no long-polling handshake (socket.io-client's own default,
   * polling first, also works but its Node XHR shim prints a deprecation warning under Bun).
   */
  transports?: SocketIOTransport[];
  /** Headers of the handshake request (e.g. a cookie or bearer token). */
  extraHeaders?: Record<string, string>;
  /** The Socket.IO handshake `auth` payload. */
  auth?: Record<string, unknown>;
  /** Query parameters of the handshake. */
  query?: Record<string, string>;
  /** Milliseconds to wait for the connection. Default 10 000. */
  connectTimeout?: number;
  /** Milliseconds `call` waits for its ack. Default 60 000 (python-socketio's default). */
  callTimeout?: number;
  /** Report every event received from the server as ("WSR", event). Default true, as in Locust. */
  reportReceived?: boolean;
}

/** Options of {@link SocketIOClient.call}. */
export interface SocketIOCallOptions {
  /** Milliseconds to wait for the ack; default the client's `callTimeout`. */
  timeout?: number;
  /** Statistics name; default the event name. */
  name?: string;
}

/** A handler for one server event; receives the event's arguments. */
export type SocketIOHandler = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function describeConnectError(url: string, err: unknown): Error {
  const { message, description } = err as { message?: string; description?: { message?: unknown } };
  // engine.io's "websocket error" hides the cause in `description` (an ErrorEvent or Error with the socket's message).
  const cause = description?.message;
  const detail = typeof cause === "string" && cause !== "" ? `: ${cause}` : "";
  return new Error(`Socket.IO connect to ${url} failed: ${message ?? String(err)}${detail}`, { cause: err });
}

/**
 * A Socket.IO connection whose operations are reported with Locust's request types (see `SOCKETIO_REQUEST_TYPES`).
 * Server faults never throw: connect and call resolve to false / undefined and the failure is counted. A pending
 * operation rejects only when the user's abort signal fires (force stop); nothing is reported then.
 * @example
 * ```ts
 * this.client.emit("join", { room: "lobby" });
 * const reply = await this.client.call("echo", { text: "hi" }, { timeout: 5000 });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#socketiouser
 */
export class SocketIOClient {
  /** Connection settings, read at `connect()`; may be changed before it. */
  readonly settings: SocketIOSettings;
  readonly #owner: SocketIOClientOwner;
  #handlers: [string, SocketIOHandler][] = [];
  #socket: Socket | undefined;
  #gone: Promise<never> = Promise.reject(new Error("Socket.IO client is not connected"));

  constructor(owner: SocketIOClientOwner, settings: SocketIOSettings = {}) {
    this.#owner = owner;
    this.settings = settings;
    this.#gone.catch(() => {}); // only read through races; a rejection nobody awaits is expected
  }

  /** True while the Socket.IO connection is up. */
  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /** The underlying socket.io-client Socket once `connect()` ran. */
  get raw(): Socket | undefined {
    return this.#socket;
  }

  /** Adds a handler for a server event (works before and after `connect()`). */
  on(event: string, handler: SocketIOHandler): this {
    this.#handlers = [...this.#handlers, [event, handler]];
    this.#socket?.on(event, handler);
    return this;
  }

  /**
   * Connects, reported as ("WS", "connect") with the time until the Socket.IO handshake completed. A refused,
   * unauthorised or timed-out connection is a counted failure and resolves to false.
   * @throws LocustError when socket.io-client is missing or no URL is set (setup errors).
   */
  async connect(): Promise<boolean> {
    const { io } = await importSocketIoClient();
    const url = this.#url();
    this.#destroy();
    let ok = false;
    try {
      ok = await this.#timed(TYPES.connect, "connect", () => this.#open(io, url));
    } finally {
      if (!ok) this.#destroy();
    }
    return ok;
  }

  /** Emits an event without waiting, reported as ("WSE", event) with the hand-off time (≈0 ms, as in Locust). */
  emit(event: string, ...args: unknown[]): boolean {
    return this.#handOff(TYPES.emit, event, args, (socket) => socket.emit(event, ...args));
  }

  /** Sends a "message" event, reported as ("WSS", name) with the hand-off time (≈0 ms, as in Locust). */
  send(data: unknown, name: string = UNNAMED): boolean {
    return this.#handOff(TYPES.send, name, [data], (socket) => socket.send(data));
  }

  /**
   * Emits an event and waits for the server's ack, reported as ("WSC", name ?? event) with the round-trip time and
   * the byte length of the reply. No ack within the timeout, or a disconnect first, is a counted failure.
   * Resolves to the ack's first argument, or undefined on failure.
   */
  async call<T = unknown>(event: string, data?: unknown, options: SocketIOCallOptions = {}): Promise<T | undefined> {
    const timeout = options.timeout ?? this.settings.callTimeout ?? 60_000;
    let reply: T | undefined;
    await this.#timed(TYPES.call, options.name ?? event, async (meta) => {
      const socket = this.#requireConnected();
      const args = data === undefined ? [] : [data];
      const acked = socket.timeout(timeout).emitWithAck(event, ...args) as Promise<T>;
      reply = await Promise.race([acked, this.#gone]).catch((err: Error) => {
        if (err.message !== "operation has timed out") throw err;
        throw new Error(`No ack for "${event}" within ${timeout} ms`);
      });
      meta.responseLength = payloadLength([reply]);
    });
    return reply;
  }

  /** Closes the connection (not reported, as in Locust). Called by SocketIOUser's `onStop`. */
  async close(): Promise<void> {
    this.#destroy();
  }

  #url(): string {
    const url = this.settings.url?.trim();
    if (url) return url;
    throw new LocustError("SocketIOUser has no server URL", {
      code: "SOCKETIO_NO_HOST",
      hint: 'Set `static override host = "http://127.0.0.1:3000"` on the user class or pass --host.',
    });
  }

  #open(io: SocketIoClientModule["io"], url: string): Promise<void> {
    const { path, transports, extraHeaders, auth, query, connectTimeout } = this.settings;
    const socket = io(url, {
      path: path ?? "/socket.io",
      transports: transports ?? ["websocket"],
      ...(extraHeaders ? { extraHeaders } : {}),
      ...(auth ? { auth } : {}),
      ...(query ? { query } : {}),
      timeout: connectTimeout ?? 10_000,
      reconnection: false,
      forceNew: true,
    });
    this.#socket = socket;
    for (const [event, handler] of this.#handlers) socket.on(event, handler);
    if (this.settings.reportReceived ?? true) {
      socket.onAny((event: string, ...args: unknown[]) => this.#received(event, args));
    }
    this.#gone = new Promise((_, reject) => {
      socket.once("disconnect", (reason) => reject(new Error(`Socket.IO disconnected: ${reason}`)));
    });
    this.#gone.catch(() => {}); // see constructor
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (err) => reject(describeConnectError(url, err)));
    });
  }

  #received(event: string, args: unknown[]): void {
    const fact = { responseLength: payloadLength(args), context: this.#context() };
    this.#owner.environment.events.request.observe(TYPES.received, event, fact);
  }

  #requireConnected(): Socket {
    const socket = this.#socket;
    if (!socket?.connected) throw new Error("Socket.IO client is not connected");
    return socket;
  }

  #destroy(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.disconnect();
  }

  #handOff(type: string, name: string, args: unknown[], send: (socket: Socket) => unknown): boolean {
    const handOff = () => (send(this.#requireConnected()), true);
    const options = { responseLength: payloadLength(args), context: this.#context() };
    return this.#owner.environment.events.request.measureSync(type, name, handOff, options) === true;
  }

  async #timed(type: string, name: string, work: (meta: RequestMeta) => Promise<void>): Promise<boolean> {
    const events = this.#owner.environment.events;
    const options = { signal: this.#owner.signal, context: () => this.#context() };
    return (await events.request.measure(type, name, (meta) => work(meta).then(() => true), options)) === true;
  }

  #context(): Record<string, unknown> {
    return { ...this.#owner.context(), sid: this.#socket?.id };
  }
}
