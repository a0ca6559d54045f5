/**
 * WebSocketClient: Bun's built-in WebSocket behind timed operations — connect (WS), send (WSS), request/reply
 * round trips correlated by a matcher (WSC) and, opt-in, received messages (WSR), reported through `events.request`.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import { createLogger } from "../../core/log.ts";
import {
  messageLength,
  RECEIVED_NAME,
  REQUEST_NAME,
  UNNAMED,
  WEBSOCKET_REQUEST_TYPES as TYPES,
  type WebSocketData,
  type WebSocketMessage,
} from "./names.ts";
import { ReplyWaiters, type ReplyMatcher } from "./reply-waiters.ts";
import type { RequestMeta } from "../../core/events/request-hook.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

const log = createLogger("locust.protocols.websocket");

/** What this client needs from its user (a `User` fits). */
export type WebSocketClientOwner = ClientOwner;

/** Connection settings of a {@link WebSocketClient}. */
export interface WebSocketSettings {
  /** `ws://` or `wss://` URL (`http(s)://` also works). */
  url?: string;
  /** Subprotocols to offer. */
  protocols?: string | string[];
  /** Headers of the upgrade request (Bun extension). */
  headers?: Record<string, string>;
  /** TLS options, e.g. `{ rejectUnauthorized: false }` for a self-signed test server. */
  tls?: { rejectUnauthorized?: boolean; ca?: string | string[] };
  /** Milliseconds to wait for the handshake. Default 10 000. */
  connectTimeout?: number;
  /** Milliseconds `request` waits for its reply. Default 10 000. */
  requestTimeout?: number;
  /** Report every received message as ("WSR", name). Default false. */
  reportReceived?: boolean;
  /** Statistics name of a received message (with `reportReceived`). Default "message". */
  receivedName?: (message: WebSocketMessage) => string;
}

/** Options of {@link WebSocketClient.request}. */
export interface WebSocketRequestOptions {
  /** Which received message is the reply. Default: the next message. */
  match?: ReplyMatcher;
  /** Milliseconds to wait; default the client's `requestTimeout`. */
  timeout?: number;
  /** Statistics name. Default "request". */
  name?: string;
}

/** Called for every received message. */
export type WebSocketMessageHandler = (message: WebSocketMessage) => void;

const ANY_MESSAGE: ReplyMatcher = () => true;

/** Bun's WebSocket constructor also takes options (headers, TLS); the DOM typings only know subprotocols. */
const BunWebSocket = WebSocket as unknown as new (url: string, options: Bun.WebSocketOptions) => WebSocket;

function toMessage(data: unknown): WebSocketMessage {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return String(data);
}

/**
 * One WebSocket connection whose operations are timed and reported (request types in `WEBSOCKET_REQUEST_TYPES`).
 * Server faults never throw: connect resolves to false, request to undefined, and the failure is counted. A pending
 * operation rejects only when the user's abort signal fires (force stop); nothing is reported then.
 * @example
 * ```ts
 * const reply = await this.client.request(JSON.stringify({ id: 7, op: "quote" }), {
 *   match: (m) => typeof m === "string" && JSON.parse(m).id === 7,
 *   name: "quote",
 * });
 * ```
 */
export class WebSocketClient {
  /** Connection settings, read at `connect()`; may be changed before it. */
  readonly settings: WebSocketSettings;
  readonly #owner: WebSocketClientOwner;
  readonly #waiters = new ReplyWaiters();
  #handlers: WebSocketMessageHandler[] = [];
  #socket: WebSocket | undefined;

  constructor(owner: WebSocketClientOwner, settings: WebSocketSettings = {}) {
    this.#owner = owner;
    this.settings = settings;
  }

  /** True while the connection is open. */
  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** The underlying WebSocket once `connect()` ran. */
  get raw(): WebSocket | undefined {
    return this.#socket;
  }

  /** Adds a handler for every received message (also those that answer a `request`). */
  onMessage(handler: WebSocketMessageHandler): this {
    this.#handlers = [...this.#handlers, handler];
    return this;
  }

  /**
   * Opens the connection, reported as ("WS", "connect") with the time until the handshake completed. A refused
   * connection, a non-101 answer or no handshake within `connectTimeout` is a counted failure (false).
   * @throws LocustError when no URL is set, or it is not a WebSocket URL (setup errors).
   */
  async connect(): Promise<boolean> {
    const url = this.#url();
    this.#drop();
    let ok = false;
    try {
      ok = await this.#timed(TYPES.connect, "connect", () => this.#open(url));
    } finally {
      if (!ok) this.#drop();
    }
    return ok;
  }

  /** Sends a message without waiting, reported as ("WSS", name) with the hand-off time and the message's bytes. */
  send(data: WebSocketData, name: string = UNNAMED): boolean {
    const handOff = () => (this.#requireOpen().send(data), true);
    const options = { responseLength: messageLength(data), context: this.#owner.context() };
    return this.#owner.environment.events.request.measureSync(TYPES.send, name, handOff, options) === true;
  }

  /**
   * Sends `data` and waits for the first received message `match` accepts, reported as ("WSC", name) with the
   * round-trip time and the reply's bytes. No reply in time, or the connection closing first, is a counted failure.
   * Resolves to the reply, or undefined on failure.
   */
  async request(data: WebSocketData, options: WebSocketRequestOptions = {}): Promise<WebSocketMessage | undefined> {
    const timeout = options.timeout ?? this.settings.requestTimeout ?? 10_000;
    let reply: WebSocketMessage | undefined;
    await this.#timed(TYPES.request, options.name ?? REQUEST_NAME, async (meta) => {
      this.#requireOpen().send(data);
      // Registered in the same tick as the send: no message event can be dispatched in between.
      reply = await this.#waiters.wait(options.match ?? ANY_MESSAGE, timeout, this.#owner.signal);
      meta.responseLength = messageLength(reply);
    });
    return reply;
  }

  /** Closes the connection (not reported). Called by WebSocketUser's `onStop`. */
  async close(code = 1000, reason = ""): Promise<void> {
    this.#drop(code, reason);
  }

  #url(): string {
    const url = this.settings.url?.trim();
    if (!url) {
      throw new LocustError("WebSocketUser has no server URL", {
        code: "WEBSOCKET_NO_HOST",
        hint: 'Set `static override host = "ws://127.0.0.1:8080/ws"` on the user class or pass --host.',
      });
    }
    if (!/^(wss?|https?):\/\//i.test(url)) {
      throw new LocustError(`WebSocketUser cannot use the address ${url}`, {
        code: "WEBSOCKET_BAD_HOST",
        hint: "Use a ws:// or wss:// URL.",
      });
    }
    return url;
  }

  #open(url: string): Promise<void> {
    const { protocols, headers, tls, connectTimeout = 10_000 } = this.settings;
    const options: Bun.WebSocketOptions = { ...(protocols ? { protocols } : {}), headers, tls };
    const socket = new BunWebSocket(url, options);
    socket.binaryType = "arraybuffer";
    this.#socket = socket;
    socket.addEventListener("message", (event) => this.#received(toMessage(event.data)));
    return new Promise((resolve, reject) => {
      let failure = "";
      const timer = setTimeout(() => {
        failure = `no WebSocket handshake from ${url} within ${connectTimeout} ms`;
        socket.close();
      }, connectTimeout);
      socket.addEventListener("error", (event) => (failure ||= (event as ErrorEvent).message));
      socket.addEventListener("open", () => (clearTimeout(timer), resolve()), { once: true });
      socket.addEventListener("close", (event) => {
        clearTimeout(timer);
        reject(new Error(failure || `WebSocket to ${url} closed during the handshake (code ${event.code})`));
        this.#closed(socket, event);
      });
    });
  }

  #closed(socket: WebSocket, event: CloseEvent): void {
    if (this.#socket !== socket) return;
    const reason = event.reason ? `: ${event.reason}` : "";
    this.#waiters.failAll(new Error(`WebSocket closed (code ${event.code}${reason}) before a matching reply`));
  }

  #received(message: WebSocketMessage): void {
    if (this.settings.reportReceived) {
      const name = this.settings.receivedName?.(message) ?? RECEIVED_NAME;
      const fact = { responseLength: messageLength(message), context: this.#owner.context() };
      this.#owner.environment.events.request.observe(TYPES.received, name, fact);
    }
    this.#waiters.deliver(message);
    for (const handler of this.#handlers) {
      try {
        handler(message);
      } catch (err) {
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log.error(`WebSocket message handler failed: ${detail}`);
      }
    }
  }

  #requireOpen(): WebSocket {
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN) throw new Error("WebSocket is not connected");
    return socket;
  }

  #drop(code = 1000, reason = ""): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = undefined;
    this.#waiters.failAll(new Error("WebSocket closed by the client"));
    const live = socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN;
    if (live) socket.close(code, reason);
  }

  async #timed(type: string, name: string, work: (meta: RequestMeta) => Promise<void>): Promise<boolean> {
    const events = this.#owner.environment.events;
    const options = { signal: this.#owner.signal, context: this.#owner.context() };
    return (await events.request.measure(type, name, (meta) => work(meta).then(() => true), options)) === true;
  }
}
