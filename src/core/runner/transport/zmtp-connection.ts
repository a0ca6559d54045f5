/**
 * One ZMTP 3.1 connection over one Bun TCP socket, client or server side: the NULL handshake, PING/PONG, message
 * frames in and out, and write back-pressure.
 * @module
 */
import type { Socket, SocketHandler } from "bun";
import { ZmtpDecoder, type ZmtpEvent } from "./zmtp-decoder.ts";
import {
  encodeError,
  encodeGreeting,
  encodeMultipart,
  encodePong,
  encodeReady,
  ZmtpProtocolError,
  type ZmtpCommand,
} from "./zmtp-frames.ts";

/** The socket types this layer speaks. */
export type ZmtpSocketType = "DEALER" | "ROUTER";

/** Peer socket types libzmq accepts for each of ours (a bad pairing gets ERROR and a disconnect). */
const COMPATIBLE_PEERS: Record<ZmtpSocketType, readonly string[]> = {
  DEALER: ["DEALER", "ROUTER", "REP"],
  ROUTER: ["DEALER", "ROUTER", "REQ"],
};

/** Callbacks of one connection; never called after `onClose`. */
export interface ZmtpConnectionHandlers {
  /** The peer's READY arrived: messages now flow both ways. */
  onReady(connection: ZmtpConnection): void;
  /** One whole message (one or more frames). */
  onMessage(connection: ZmtpConnection, parts: Uint8Array[]): void;
  /**
   * The socket closed (or never opened); `failure` is set when the peer broke the protocol, the handshake timed
   * out or the connect failed, and is undefined for an orderly close from either side.
   */
  onClose(connection: ZmtpConnection, failure: string | undefined): void;
}

/** How one connection behaves. */
export interface ZmtpConnectionOptions {
  socketType: ZmtpSocketType;
  identity: Uint8Array;
  maxMessageSize: number;
  /** A peer that has not completed the handshake by then is dropped (libzmq's ZMQ_HANDSHAKE_IVL is 30 s). */
  handshakeTimeoutMs: number;
  handlers: ZmtpConnectionHandlers;
}

type Phase = "handshake" | "ready" | "closing" | "closed";

/**
 * A ZMTP connection. Messages sent before the peer's READY are queued, because libzmq drops a peer that sends
 * a message frame during its handshake; writes the kernel does not take at once wait for `drain`.
 */
export class ZmtpConnection {
  readonly #options: ZmtpConnectionOptions;
  readonly #decoder: ZmtpDecoder;
  #socket: Socket<ZmtpConnection> | undefined;
  #phase: Phase = "handshake";
  #greeted = false;
  /** Encoded messages waiting for the peer's READY. */
  #early: Uint8Array[] = [];
  /** Bytes the kernel has not taken yet, in order. */
  #outbox: Uint8Array[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failure: string | undefined;
  #remote = "";
  #closed: PromiseWithResolvers<void> = Promise.withResolvers();
  /** The peer's READY properties, once the handshake completed. */
  peerSocketType = "";
  peerIdentity: Uint8Array = new Uint8Array(0);

  constructor(options: ZmtpConnectionOptions) {
    this.#options = options;
    this.#decoder = new ZmtpDecoder(options.maxMessageSize);
  }

  /** Whether the handshake completed and the connection is not closing. */
  get isReady(): boolean {
    return this.#phase === "ready";
  }

  /** `address:port` of the peer, for log lines. */
  get remote(): string {
    return this.#remote;
  }

  /** Starts the handshake on a just-opened socket: greeting and READY go out in one write, without waiting. */
  attach(socket: Socket<ZmtpConnection>): void {
    this.#socket = socket;
    this.#remote = `${socket.remoteAddress}:${socket.remotePort}`;
    // Locust's sockets set TCP keep-alive with a 30 s idle time, so a vanished peer is eventually noticed.
    socket.setKeepAlive(true, 30_000);
    if (this.#phase !== "handshake") {
      socket.end();
      return;
    }
    const greeting = encodeGreeting();
    const ready = encodeReady(this.#options.socketType, this.#options.identity);
    const hello = new Uint8Array(greeting.length + ready.length);
    hello.set(greeting);
    hello.set(ready, greeting.length);
    this.#write(hello);
    this.#timer = setTimeout(() => this.fail("handshake timed out"), this.#options.handshakeTimeoutMs);
  }

  /** Queues one message; false when the connection is closing or closed (the message is dropped). */
  send(parts: readonly Uint8Array[]): boolean {
    if (!this.#open) return false;
    const bytes = encodeMultipart(parts);
    if (this.#phase === "handshake") this.#early.push(bytes);
    else this.#write(bytes);
    return true;
  }

  /**
   * Closes gracefully: what is already queued is written first (for at most `lingerMs`), then the socket ends.
   * Resolves once the socket has closed.
   */
  close(lingerMs = 1000): Promise<void> {
    if (this.#phase === "closed") return Promise.resolve();
    if (this.#phase !== "closing") {
      this.#phase = "closing";
      clearTimeout(this.#timer);
      if (this.#outbox.length === 0) this.#socket?.end();
      // A peer that stopped reading would keep the socket open forever; after the linger it is cut.
      else this.#timer = setTimeout(() => this.#socket?.terminate(), lingerMs);
    }
    return this.#closed.promise;
  }

  /** Drops the peer for a protocol error: the reason reaches `onClose`, and whatever it sends later is ignored. */
  fail(reason: string): void {
    if (this.#phase === "closed" || this.#failure !== undefined) return;
    this.#failure = reason;
    this.#phase = "closing";
    clearTimeout(this.#timer);
    this.#socket?.end();
  }

  /** Bun `data` callback. */
  receive(chunk: Uint8Array): void {
    if (!this.#open) return;
    try {
      for (const event of this.#decoder.push(chunk)) {
        // A handler may close us mid-chunk; what the peer sends after that is of no use.
        if (!this.#open) return;
        this.#handle(event);
      }
    } catch (error) {
      if (!(error instanceof ZmtpProtocolError)) throw error;
      this.fail(error.message);
    }
  }

  /** Bun `drain` callback: the kernel takes more bytes. */
  flush(): void {
    while (this.#outbox.length > 0) {
      const head = this.#outbox[0]!;
      const written = this.#socket?.write(head) ?? -1;
      if (written < 0) return;
      if (written < head.length) {
        this.#outbox[0] = head.subarray(written);
        return;
      }
      this.#outbox.shift();
    }
    if (this.#phase === "closing") {
      clearTimeout(this.#timer);
      this.#socket?.end();
    }
  }

  /** Bun `close` callback; also called by the dialler when the connect itself failed, with why. */
  socketClosed(failure?: string): void {
    if (this.#phase === "closed") return;
    this.#failure ??= failure;
    this.#phase = "closed";
    clearTimeout(this.#timer);
    this.#outbox = [];
    this.#early = [];
    this.#closed.resolve();
    this.#options.handlers.onClose(this, this.#failure);
  }

  /** Still reading the peer: neither closing nor closed. */
  get #open(): boolean {
    return this.#phase === "handshake" || this.#phase === "ready";
  }

  #write(bytes: Uint8Array): void {
    if (this.#outbox.length > 0) {
      this.#outbox.push(bytes);
      return;
    }
    const written = this.#socket?.write(bytes) ?? -1;
    if (written >= 0 && written < bytes.length) this.#outbox.push(bytes.subarray(written));
  }

  #handle(event: ZmtpEvent): void {
    if (event.kind === "greeting") this.#greeted = true;
    else if (event.kind === "command") this.#handleCommand(event.command);
    else if (this.#phase === "handshake") throw new ZmtpProtocolError("message frame before READY");
    else this.#options.handlers.onMessage(this, event.parts);
  }

  #handleCommand(command: ZmtpCommand): void {
    if (command.name === "ERROR") throw new ZmtpProtocolError(`peer sent ERROR: ${command.reason}`);
    if (this.#phase === "handshake") {
      if (command.name !== "READY" || !this.#greeted) throw new ZmtpProtocolError(`${command.name} before READY`);
      this.#completeHandshake(command.properties);
    } else if (command.name === "READY") {
      throw new ZmtpProtocolError("second READY");
    } else if (command.name === "PING") {
      this.#write(encodePong(command.context));
    }
    // PONG and unknown commands need no answer: we send no PINGs, and ZMTP says to ignore unknown commands.
  }

  #completeHandshake(properties: Map<string, Uint8Array>): void {
    const socketType = new TextDecoder("latin1").decode(properties.get("Socket-Type") ?? new Uint8Array(0));
    if (!COMPATIBLE_PEERS[this.#options.socketType].includes(socketType)) {
      this.#write(encodeError("Invalid socket type"));
      throw new ZmtpProtocolError(`peer socket type "${socketType}" cannot talk to a ${this.#options.socketType}`);
    }
    clearTimeout(this.#timer);
    this.peerSocketType = socketType;
    this.peerIdentity = properties.get("Identity") ?? new Uint8Array(0);
    this.#phase = "ready";
    for (const bytes of this.#early) this.#write(bytes);
    this.#early = [];
    this.#options.handlers.onReady(this);
  }
}

/** Bun socket callbacks shared by every connection; the connection lives in `socket.data`. */
export const CONNECTION_SOCKET_HANDLER = {
  data: (socket, chunk) => socket.data.receive(chunk),
  drain: (socket) => socket.data.flush(),
  close: (socket) => socket.data.socketClosed(),
  // Reached only through a bug in this layer: drop the one connection rather than the process.
  error: (socket, error) => socket.data.fail(`internal error: ${error.message}`),
} satisfies SocketHandler<ZmtpConnection>;
