/**
 * The worker's side of the master link: a ZMTP DEALER that connects, reconnects with back-off after a drop
 * (re-sending READY, as libzmq does) and queues messages while no connection is up.
 * @module
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from "./zmtp-decoder.ts";
import { CONNECTION_SOCKET_HANDLER, ZmtpConnection } from "./zmtp-connection.ts";
import { guardCallback } from "./guard-callback.ts";

/**
 * `idle`: before `connect()`; `connecting`: dialling or handshaking; `connected`: messages flow;
 * `disconnected`: waiting to retry; `closed`: closed, or gave up connecting.
 */
export type DealerState = "idle" | "connecting" | "connected" | "disconnected" | "closed";

/** Options of {@link DealerSocket}. */
export interface DealerSocketOptions {
  host: string;
  port: number;
  /** The routing id announced in READY; a Locust worker must use its node id. */
  identity: string;
  /** One single-frame message from the router. */
  onMessage(payload: Uint8Array): void;
  /** Every state change, with the reason of a drop or failed attempt (e.g. "connection refused"). */
  onStateChange?(state: DealerState, reason?: string): void;
  /** Delay before the first retry; doubled per failed attempt up to `reconnectIntervalMaxMs`. Default 100 ms. */
  reconnectIntervalMs?: number;
  /** Default 5000 ms. */
  reconnectIntervalMaxMs?: number;
  /** Failed attempts after which `connect()` rejects (only until the first handshake). Default 60. */
  connectAttempts?: number;
  /** Messages kept while disconnected; `send` drops beyond it (libzmq's default high-water mark). Default 1000. */
  maxQueuedMessages?: number;
  /** Default 64 MiB. */
  maxMessageSize?: number;
  /** Default 30 s. */
  handshakeTimeoutMs?: number;
  /** How long `close()` keeps writing what is already queued. Default 1000 ms. */
  lingerMs?: number;
}

/**
 * A DEALER socket. After the first handshake it reconnects for as long as it is open; messages sent meanwhile
 * wait in a bounded queue, but messages the kernel had not yet taken when a connection dropped are lost (as with
 * libzmq). Callers learn of drops and reconnects through `onStateChange`.
 * @example
 * const dealer = new DealerSocket({ host: "127.0.0.1", port: 5557, identity: nodeId, onMessage });
 * await dealer.connect();
 * dealer.send(encodeMessage("client_ready", "2.46.0", nodeId));
 */
export class DealerSocket implements AsyncDisposable {
  readonly #options: DealerSocketOptions;
  readonly #onMessage: (payload: Uint8Array) => void;
  readonly #onStateChange: (state: DealerState, reason?: string) => void;
  #state: DealerState = "idle";
  #connection: ZmtpConnection | undefined;
  #queue: Uint8Array[] = [];
  #failedAttempts = 0;
  #everConnected = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #firstConnect: PromiseWithResolvers<void> | undefined;

  constructor(options: DealerSocketOptions) {
    this.#options = options;
    this.#onMessage = guardCallback("onMessage", options.onMessage);
    this.#onStateChange = guardCallback("onStateChange", options.onStateChange);
  }

  /** The current state. */
  get state(): DealerState {
    return this.#state;
  }

  /** Resolves after the first handshake; rejects when `connectAttempts` attempts failed or `close()` came first. */
  connect(): Promise<void> {
    if (this.#firstConnect) return this.#firstConnect.promise;
    if (this.#state === "closed") return Promise.reject(new Error(`connect() after close()`));
    const problem = checkIdentity(this.#options.identity);
    if (problem) return Promise.reject(new Error(`cannot connect to ${this.#address}: ${problem}`));
    this.#firstConnect = Promise.withResolvers();
    this.#dial();
    return this.#firstConnect.promise;
  }

  /** Sends one message, or queues it while disconnected; false when dropped (queue full or socket closed). */
  send(payload: Uint8Array): boolean {
    if (this.#state === "closed") return false;
    if (this.#connection?.isReady) return this.#connection.send([payload]);
    if (this.#queue.length >= (this.#options.maxQueuedMessages ?? 1000)) return false;
    this.#queue.push(payload);
    return true;
  }

  /** Stops reconnecting, writes what the connection already holds (up to `lingerMs`), and closes. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    clearTimeout(this.#retryTimer);
    this.#setState("closed");
    this.#queue = [];
    this.#firstConnect?.reject(new Error(`closed before connecting to ${this.#address}`));
    await this.#connection?.close(this.#options.lingerMs);
  }

  /** Same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  get #address(): string {
    return `${this.#options.host}:${this.#options.port}`;
  }

  #dial(): void {
    this.#setState("connecting");
    const connection = new ZmtpConnection({
      socketType: "DEALER",
      identity: new TextEncoder().encode(this.#options.identity),
      maxMessageSize: this.#options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
      handshakeTimeoutMs: this.#options.handshakeTimeoutMs ?? 30_000,
      handlers: {
        onReady: () => this.#connected(),
        onMessage: (_, parts) => {
          // Locust messages are one frame; a multi-frame message cannot be one of them.
          if (parts.length === 1) this.#onMessage(parts[0]!);
        },
        onClose: (_, failure) => this.#dropped(connection, failure ?? "connection closed"),
      },
    });
    this.#connection = connection;
    Bun.connect<ZmtpConnection>({
      hostname: this.#options.host,
      port: this.#options.port,
      data: connection,
      socket: { ...CONNECTION_SOCKET_HANDLER, open: (socket) => socket.data.attach(socket) },
    }).catch((error: unknown) => connection.socketClosed(describeConnectError(error)));
  }

  #connected(): void {
    this.#failedAttempts = 0;
    this.#everConnected = true;
    this.#setState("connected");
    const queued = this.#queue;
    this.#queue = [];
    for (const payload of queued) this.#connection?.send([payload]);
    this.#firstConnect?.resolve();
  }

  #dropped(connection: ZmtpConnection, reason: string): void {
    if (this.#connection !== connection) return;
    this.#connection = undefined;
    if (this.#state === "closed") return;
    this.#failedAttempts++;
    const budget = this.#options.connectAttempts ?? 60;
    if (!this.#everConnected && this.#failedAttempts >= budget) {
      this.#setState("closed", reason);
      this.#firstConnect?.reject(new Error(`cannot connect to ${this.#address} after ${budget} attempts: ${reason}`));
      return;
    }
    this.#setState("disconnected", reason);
    const base = this.#options.reconnectIntervalMs ?? 100;
    const delay = Math.min(base * 2 ** (this.#failedAttempts - 1), this.#options.reconnectIntervalMaxMs ?? 5000);
    this.#retryTimer = setTimeout(() => this.#dial(), delay);
  }

  #setState(state: DealerState, reason?: string): void {
    this.#state = state;
    this.#onStateChange(state, reason);
  }
}

/** libzmq refuses routing ids that are empty, longer than 255 bytes or start with a zero byte (reserved). */
function checkIdentity(identity: string): string | undefined {
  const length = new TextEncoder().encode(identity).length;
  if (length === 0) return "the identity is empty";
  if (length > 255) return `the identity is ${length} bytes long (at most 255)`;
  if (identity.startsWith("\0")) return "the identity starts with a zero byte, which libzmq reserves";
  return undefined;
}

function describeConnectError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  return error instanceof Error ? error.message : String(error);
}
