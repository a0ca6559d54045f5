/**
 * The master's side: a ZMTP ROUTER that accepts workers, knows each by the Identity it announced, and routes
 * messages to them by that identity.
 * @module
 */
import type { Socket, TCPSocketListener } from "bun";
import { LocustError } from "../../errors.ts";
import { DEFAULT_MAX_MESSAGE_SIZE } from "./zmtp-decoder.ts";
import { CONNECTION_SOCKET_HANDLER, ZmtpConnection } from "./zmtp-connection.ts";
import { guardCallback } from "./guard-callback.ts";

/** Options of {@link RouterSocket.listen}. */
export interface RouterSocketOptions {
  hostname: string;
  /** 0 picks a free port (see {@link RouterSocket.port}). */
  port: number;
  /** One single-frame message from the peer with this identity. */
  onMessage(identity: string, payload: Uint8Array): void;
  /** A peer completed its handshake (also after a handover, see {@link RouterSocket}). */
  onPeerOpen?(identity: string): void;
  /** A peer's connection closed or was handed over. */
  onPeerClose?(identity: string): void;
  /** A connection was dropped for breaking the protocol; `remote` is `address:port`. Other peers are unaffected. */
  onProtocolError?(remote: string, reason: string): void;
  /** Default 64 MiB. */
  maxMessageSize?: number;
  /** Default 30 s. */
  handshakeTimeoutMs?: number;
  /** How long `disconnect` and `close` keep writing what is queued. Default 1000 ms. */
  lingerMs?: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A ROUTER socket. A peer is known by the Identity in its READY, decoded as UTF-8 (Locust's master does the same;
 * a non-UTF-8 identity is a protocol error). A peer with an empty identity gets libzmq's generated id: a zero
 * byte and a 32-bit counter, here as a 5-character string.
 *
 * Duplicate identity: libzmq ignores a second connection claiming a live identity (ROUTER_HANDOVER off), which
 * leaves a worker that reconnects before the master noticed its old connection die unreachable until TCP
 * keep-alive ends the old one, minutes later. This socket hands over instead: the newer connection takes the
 * identity, the older one is closed, and `onPeerClose` then `onPeerOpen` report it.
 */
export class RouterSocket implements AsyncDisposable {
  readonly #options: RouterSocketOptions;
  readonly #onMessage: (identity: string, payload: Uint8Array) => void;
  readonly #onPeerOpen: (identity: string) => void;
  readonly #onPeerClose: (identity: string) => void;
  readonly #onProtocolError: (remote: string, reason: string) => void;
  #listener: TCPSocketListener<ZmtpConnection> | undefined;
  readonly #peers = new Map<string, ZmtpConnection>();
  /** Every open connection, registered or still in its handshake, with the identity of registered ones. */
  readonly #connections = new Map<ZmtpConnection, string | undefined>();
  #nextGeneratedId = Math.floor(Math.random() * 2 ** 32);

  constructor(options: RouterSocketOptions) {
    this.#options = options;
    this.#onMessage = guardCallback("onMessage", options.onMessage);
    this.#onPeerOpen = guardCallback("onPeerOpen", options.onPeerOpen);
    this.#onPeerClose = guardCallback("onPeerClose", options.onPeerClose);
    this.#onProtocolError = guardCallback("onProtocolError", options.onProtocolError);
  }

  /**
   * Binds and starts accepting peers.
   * @throws LocustError naming `host:port` when the address is in use or cannot be bound.
   */
  static async listen(options: RouterSocketOptions): Promise<RouterSocket> {
    const router = new RouterSocket(options);
    router.#bind();
    return router;
  }

  /** The bound port. */
  get port(): number {
    return this.#listener?.port ?? 0;
  }

  /** Identities of the peers connected now. */
  get identities(): string[] {
    return [...this.#peers.keys()];
  }

  /** Sends one message to a peer; false when no peer has this identity (dropped, as libzmq does). */
  send(identity: string, payload: Uint8Array): boolean {
    return this.#peers.get(identity)?.send([payload]) ?? false;
  }

  /** Closes one peer's connection after writing what is queued for it. */
  disconnect(identity: string): Promise<void> {
    return this.#peers.get(identity)?.close(this.#options.lingerMs) ?? Promise.resolve();
  }

  /** Stops accepting and closes every connection (each writing what is queued first). */
  async close(): Promise<void> {
    this.#listener?.stop(false);
    this.#listener = undefined;
    await Promise.all([...this.#connections.keys()].map((c) => c.close(this.#options.lingerMs)));
  }

  /** Same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #bind(): void {
    const { hostname, port } = this.#options;
    try {
      this.#listener = Bun.listen<ZmtpConnection>({
        // Locust's --master-bind-host default "*" means every interface.
        hostname: hostname === "*" ? "0.0.0.0" : hostname,
        port,
        socket: { ...CONNECTION_SOCKET_HANDLER, open: (socket) => this.#accept(socket) },
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = code === "EADDRINUSE" ? "the address is already in use" : (error as Error).message;
      throw new LocustError(`cannot listen on ${hostname}:${port}: ${reason}`, { code: "LISTEN_FAILED", cause: error });
    }
  }

  #accept(socket: Socket<ZmtpConnection>): void {
    const connection = new ZmtpConnection({
      socketType: "ROUTER",
      identity: new Uint8Array(0),
      maxMessageSize: this.#options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
      handshakeTimeoutMs: this.#options.handshakeTimeoutMs ?? 30_000,
      handlers: {
        onReady: (c) => this.#register(c),
        onMessage: (c, parts) => this.#received(c, parts),
        onClose: (c, failure) => this.#closed(c, failure),
      },
    });
    this.#connections.set(connection, undefined);
    socket.data = connection;
    connection.attach(socket);
  }

  #register(connection: ZmtpConnection): void {
    const identity = this.#identityOf(connection.peerIdentity);
    if (identity === undefined) {
      connection.fail("routing id (Identity) is not valid UTF-8");
      return;
    }
    const previous = this.#peers.get(identity);
    this.#connections.set(connection, identity);
    this.#peers.set(identity, connection);
    if (previous) {
      this.#onPeerClose(identity);
      void previous.close(this.#options.lingerMs);
    }
    this.#onPeerOpen(identity);
  }

  #identityOf(bytes: Uint8Array): string | undefined {
    if (bytes.length === 0) return this.#generateIdentity();
    try {
      return utf8.decode(bytes);
    } catch {
      return undefined; // the caller reports it as a protocol error
    }
  }

  #generateIdentity(): string {
    const id = this.#nextGeneratedId;
    this.#nextGeneratedId = (id + 1) % 2 ** 32;
    return String.fromCharCode(0, id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff);
  }

  #received(connection: ZmtpConnection, parts: Uint8Array[]): void {
    const identity = this.#connections.get(connection);
    // Locust messages are one frame; anything else is not for us. A connection handed over is already closing.
    if (identity === undefined || parts.length !== 1 || this.#peers.get(identity) !== connection) return;
    this.#onMessage(identity, parts[0]!);
  }

  #closed(connection: ZmtpConnection, failure: string | undefined): void {
    const identity = this.#connections.get(connection);
    this.#connections.delete(connection);
    if (identity !== undefined && this.#peers.get(identity) === connection) {
      this.#peers.delete(identity);
      this.#onPeerClose(identity);
    }
    if (failure !== undefined) this.#onProtocolError(connection.remote, failure);
  }
}
