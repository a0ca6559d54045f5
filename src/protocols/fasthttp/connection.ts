/**
 * One keep-alive HTTP/1.1 connection on `Bun.connect`: writes a pre-encoded request, feeds the parser, settles the
 * pending request, enforces the connection and network timeouts, and is discarded after any fault.
 * Longer than most files because the socket handlers and the request life cycle share one set of private state.
 * @module
 */
import type { Socket, SocketHandler } from "bun";
import { DeadlineTimer } from "./deadline-timer.ts";
import { HttpParseError } from "./http-parse-error.ts";
import type { Origin } from "./origin.ts";
import type { ParsedResponse } from "./parsed-response.ts";
import { ResponseParser } from "./response-parser.ts";
import { ConnectionClosedError, RequestTimeoutError, toTransportError } from "./transport-error.ts";

/** Settings shared by every connection of one pool. */
export interface ConnectionSettings {
  /** Seconds to wait for the TCP (and TLS) connection (a request's `timeout` may override it). */
  connectionTimeout: number;
  /** Skip TLS certificate verification. */
  insecure: boolean;
  /** Bound on the response head, in bytes. */
  maxHeaderSize?: number;
  /** Bound on a response body (not streamed), in bytes. */
  maxBodySize?: number;
  /** Connections per origin. */
  concurrency: number;
}

/** What a connection tells the pool that owns it. */
export interface ConnectionOwner {
  /** The response is complete and the connection can carry another request. */
  release(connection: Connection): void;
  /** The connection is closed and must be forgotten. */
  discard(connection: Connection): void;
}

/**
 * Decides what a request's promise resolves to. Called from the socket handlers, so the common case finishes a
 * request without an extra async step. A throw rejects the promise; a returned promise is adopted.
 */
export interface ResponseHandler {
  /** The response is complete (for a streamed request: its head is parsed). */
  onResponse(response: ParsedResponse, connection: Connection): unknown;
  /** The request failed; the connection is already closed. */
  onFailure(error: Error, connection: Connection): unknown;
}

/** Resolves with the parsed response itself, rejects with the error. */
export const PASS_THROUGH: ResponseHandler = {
  onResponse: (response) => response,
  onFailure: (error) => {
    throw error;
  },
};

/** Receives a streamed body piece by piece. */
export interface BodyConsumer {
  /** Called when the request is written on `connection` (so the consumer can close it when cancelled). */
  bind?(connection: Connection): void;
  push(piece: Uint8Array): void;
  end(): void;
  fail(error: Error): void;
}

const CONNECTING = 0;
const IDLE = 1;
const BUSY = 2;
const CLOSED = 3;

type ResolveResponse = (value: unknown) => void;
type RejectResponse = (error: unknown) => void;

/**
 * One socket and its parser. At most one request is in flight (no pipelining). A connection that saw a fault, a
 * `Connection: close`, or any byte outside a response is closed and never reused.
 */
export class Connection {
  /** Requests completed on this connection (a reused connection has served at least one). */
  served = 0;
  readonly origin: Origin;
  readonly #settings: ConnectionSettings;
  readonly #owner: ConnectionOwner;
  readonly #parser: ResponseParser;
  #socket: Socket<Connection> | null = null;
  #state = CONNECTING;
  #out: Uint8Array | null = null;
  #resolve: ResolveResponse | null = null;
  #reject: RejectResponse | null = null;
  #handler: ResponseHandler = PASS_THROUGH;
  readonly #executor: (resolve: ResolveResponse, reject: RejectResponse) => void;
  #consumer: BodyConsumer | null = null;
  #timeoutMs = 0;
  #connectTimeoutMs = 0;
  readonly #timer: DeadlineTimer<Connection>;

  constructor(origin: Origin, settings: ConnectionSettings, owner: ConnectionOwner) {
    this.origin = origin;
    this.#settings = settings;
    this.#owner = owner;
    this.#parser = new ResponseParser(settings.maxHeaderSize, settings.maxBodySize);
    this.#timer = new DeadlineTimer<Connection>(this, Connection.#onTimeout);
    // One executor per connection, so a request allocates its promise but no closure.
    this.#executor = (resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    };
  }

  /** Starts connecting; a request sent before the socket opens is written when it does. */
  connect(now: number, timeoutMs: number): void {
    const origin = this.origin;
    const insecure = this.#settings.insecure;
    this.#connectTimeoutMs = timeoutMs;
    this.#timer.arm(now, timeoutMs);
    const tls = origin.tls ? { rejectUnauthorized: !insecure, serverName: origin.hostname } : undefined;
    // The handler types only know the default "buffer" binary type; the handlers ask for plain Uint8Arrays.
    const socket = Connection.#handlers as unknown as SocketHandler<Connection>;
    const fail = (err: unknown) => this.#fail(toTransportError(err, origin.target));
    try {
      Bun.connect<Connection>({ hostname: origin.hostname, port: origin.port, tls, socket, data: this }).catch(fail);
    } catch (err) {
      // Some invalid targets are rejected before any I/O; report them like any other connection error.
      queueMicrotask(() => fail(err));
    }
  }

  /** True while a request is in flight. */
  get busy(): boolean {
    return this.#state === BUSY || (this.#state === CONNECTING && this.#out !== null);
  }

  /** True when any byte of the current (or last) response arrived. */
  get receivedAny(): boolean {
    return this.#parser.receivedAny;
  }

  /** True once closed (by either side or after a fault). */
  get closed(): boolean {
    return this.#state === CLOSED;
  }

  /**
   * Sends one request. When the response is complete (or, if `consumer` streams the body, once the head is parsed)
   * the promise resolves with `handler.onResponse(...)`; on a TransportError or HttpParseError the connection is
   * closed and it resolves with `handler.onFailure(...)`. Called on the per-request path: allocates the promise only.
   * @param now `performance.now()` at the request's start (the caller's clock read, reused for the deadline).
   * @param timeoutMs network timeout for this request, ms: bounds the whole response (a streamed body's head,
   *   then the silence between its bytes).
   */
  send(bytes: Uint8Array, noBody: boolean, now: number, timeoutMs: number, handler: ResponseHandler, consumer?: BodyConsumer): Promise<unknown> {
    const parser = this.#parser;
    parser.start(noBody);
    this.#consumer = consumer ?? null;
    parser.sink = consumer ? (piece) => consumer.push(piece) : null;
    consumer?.bind?.(this);
    this.#timeoutMs = timeoutMs;
    this.#handler = handler;
    const promise = new Promise(this.#executor);
    if (this.#state === IDLE) {
      this.#state = BUSY;
      this.#timer.arm(now, timeoutMs);
      this.#write(bytes);
    } else if (this.#state === CONNECTING) {
      this.#out = bytes;
    } else {
      this.#settle(new ConnectionClosedError(`Connection to ${this.origin.target} is closed`), null);
    }
    return promise;
  }

  /** Fails the request in flight with `reason` (e.g. an abort) and closes the connection. */
  abort(reason: Error): void {
    this.#fail(reason);
  }

  /** Closes the connection; a request in flight fails with a ConnectionClosedError. */
  close(): void {
    this.#fail(new ConnectionClosedError(`Connection to ${this.origin.target} closed by the client`));
  }

  #write(bytes: Uint8Array): void {
    const written = this.#socket!.write(bytes);
    // A short write keeps the rest for the drain handler.
    this.#out = written >= bytes.length ? null : written > 0 ? bytes.subarray(written) : bytes;
  }

  #onOpen(socket: Socket<Connection>): void {
    if (this.#state === CLOSED) {
      socket.terminate();
      return;
    }
    this.#socket = socket;
    // A TLS socket opens before its handshake; bytes written now would be lost, so wait for the handshake.
    if (!this.origin.tls) this.#onReady();
  }

  #onHandshake(success: boolean, authorizationError: Error | null): void {
    if (this.#state === CLOSED) return;
    // Bun reports a certificate that does not name the host as a failed handshake even without verification;
    // the session is established all the same, and `insecure` means such errors are not ours to raise.
    if (!success && !(this.#settings.insecure && authorizationError !== null)) {
      const reason = authorizationError ?? new Error("handshake failed");
      this.#fail(toTransportError(Object.assign(reason, { code: (reason as { code?: string }).code ?? "ERR_TLS_HANDSHAKE" }), this.origin.target));
      return;
    }
    this.#onReady();
  }

  #onReady(): void {
    const out = this.#out;
    if (out === null) {
      this.#state = IDLE;
      return;
    }
    this.#state = BUSY;
    this.#timer.arm(performance.now(), this.#timeoutMs);
    this.#write(out);
  }

  #onData(chunk: Uint8Array): void {
    if (this.#state !== BUSY) {
      // Bytes with no request in flight belong to nothing (e.g. a body longer than announced): drop the connection.
      this.#fail(new HttpParseError(`Malformed HTTP response: ${chunk.length} bytes arrived with no request pending`));
      return;
    }
    let end: number;
    try {
      end = this.#parser.feed(chunk);
    } catch (err) {
      this.#fail(err as Error);
      return;
    }
    if (end < 0) return this.#onPartial();
    if (end !== chunk.length) {
      const extra = chunk.length - end;
      const status = this.#parser.response.status;
      const framing = status === 204 || status === 304 ? `a ${status}, which has no body` : "the response (body longer than its Content-Length?)";
      this.#fail(new HttpParseError(`Malformed HTTP response: ${extra} bytes after the end of ${framing}`));
      return;
    }
    this.#complete();
  }

  #onPartial(): void {
    // The timeout bounds the whole response, so a trickle or an endless run of 1xx heads fails in time; only a
    // streamed body, once its head is handed over, may last longer: there it bounds the silence between bytes.
    if (this.#consumer === null || !this.#parser.headComplete) return;
    this.#timer.deadline = performance.now() + this.#timeoutMs;
    if (this.#resolve !== null) this.#settle(null, this.#parser.response);
  }

  #complete(): void {
    const response = this.#parser.response;
    this.#parser.release();
    this.served++;
    // A response that arrived before the whole request was written (a 413 to a large upload) leaves the rest of
    // the body unsent: the connection cannot carry another request.
    if (response.keepAlive && this.#out === null) {
      this.#state = IDLE;
      this.#timer.disarm();
      this.#owner.release(this);
    } else {
      this.#state = CLOSED;
      this.#out = null;
      this.#timer.clear();
      this.#socket?.end();
      this.#socket = null;
      this.#owner.discard(this);
    }
    const consumer = this.#consumer;
    if (consumer !== null) {
      this.#consumer = null;
      this.#settle(null, response);
      consumer.end();
    } else this.#settle(null, response);
  }

  /** Settles the pending request through its handler: `response` (error null) or the failure. */
  #settle(error: Error | null, response: ParsedResponse | null): void {
    const resolve = this.#resolve;
    const reject = this.#reject;
    if (resolve === null || reject === null) return;
    this.#resolve = null;
    this.#reject = null;
    const handler = this.#handler;
    this.#handler = PASS_THROUGH;
    let value: unknown;
    try {
      value = error === null ? handler.onResponse(response!, this) : handler.onFailure(error, this);
    } catch (err) {
      reject(err);
      return;
    }
    resolve(value);
  }

  #onClose(error: Error | undefined): void {
    if (this.#state === CLOSED) return;
    if (this.#state === BUSY && !error) {
      try {
        this.#parser.finish();
        this.#complete();
        return;
      } catch (err) {
        const parseError = err as Error;
        this.#fail(this.#parser.receivedAny ? parseError : new ConnectionClosedError(`${parseError.message}: ${this.origin.target}`));
        return;
      }
    }
    if (error) this.#fail(toTransportError(error, this.origin.target));
    else this.#fail(new ConnectionClosedError(`Connection closed by ${this.origin.target}`));
  }

  #fail(error: Error): void {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#out = null;
    this.#timer.clear();
    const socket = this.#socket;
    this.#socket = null;
    socket?.terminate();
    this.#owner.discard(this);
    const consumer = this.#consumer;
    this.#consumer = null;
    if (consumer !== null && this.#resolve === null) consumer.fail(error);
    this.#settle(error, null);
  }

  /** The deadline passed while connecting or awaiting a response. */
  static #onTimeout(connection: Connection): void {
    const state = connection.#state;
    if (state === IDLE || state === CLOSED) return;
    const target = connection.origin.target;
    connection.#fail(
      state === CONNECTING
        ? new RequestTimeoutError(`Connection to ${target} timed out after ${connection.#connectTimeoutMs / 1000} s`)
        : new RequestTimeoutError(
            connection.#parser.receivedAny && connection.#consumer === null
              ? `Response from ${target} not complete within ${connection.#timeoutMs / 1000} s (network timeout)`
              : `No response from ${target} within ${connection.#timeoutMs / 1000} s (network timeout)`,
          ),
    );
  }

  /** One handlers object for every socket; per-connection state lives in `socket.data`. */
  static readonly #handlers: SocketHandler<Connection, "uint8array"> = {
    binaryType: "uint8array",
    open: (socket) => socket.data.#onOpen(socket),
    handshake: (socket, success, authorizationError) => socket.data.#onHandshake(success, authorizationError),
    data: (socket, chunk) => socket.data.#onData(chunk),
    drain(socket) {
      const connection = socket.data;
      const out = connection.#out;
      if (out !== null && connection.#socket !== null) connection.#write(out);
    },
    close: (socket, error) => socket.data.#onClose(error),
    error: (socket, error) => socket.data.#fail(toTransportError(error, socket.data.origin.target)),
    connectError: (socket, error) => socket.data.#fail(toTransportError(error, socket.data.origin.target)),
  };
}
