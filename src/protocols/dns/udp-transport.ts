import { isIPv6 } from "node:net";
import type { udp } from "bun";

interface Pending {
  port: number;
  resolve: (bytes: Uint8Array) => void;
  reject: (reason: unknown) => void;
}

type Family = "IPv4" | "IPv6";

/**
 * DNS over UDP on one client socket per address family, opened on first use and shared by every query of the
 * client; replies are matched to queries by message id and source port. One try, no retransmission: a lost
 * datagram is a timeout, which is what a load test should count.
 */
export class UdpTransport {
  readonly #pending = new Map<number, Pending>();
  readonly #sockets = new Map<Family, Promise<udp.Socket<"buffer">>>();
  #closed = false;

  /**
   * Sends `query` (its id is replaced by one unique among this socket's pending queries) to `address:port` and
   * resolves with the reply's bytes. `address` must be an IP address. Rejects with `signal.reason` on abort.
   */
  async exchange(query: Uint8Array, address: string, port: number, signal: AbortSignal): Promise<Uint8Array> {
    signal.throwIfAborted();
    const socket = await this.#socket(isIPv6(address) ? "IPv6" : "IPv4");
    signal.throwIfAborted();
    const id = this.#freeId();
    query[0] = id >> 8;
    query[1] = id & 0xff;
    const { promise, resolve, reject } = Promise.withResolvers<Uint8Array>();
    const onAbort = (): void => reject(signal.reason);
    this.#pending.set(id, { port, resolve, reject });
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      if (!socket.send(query, port, address)) throw new Error(`UDP send to ${address}:${port} was not accepted`);
      return await promise;
    } finally {
      this.#pending.delete(id);
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Closes the sockets; pending queries reject. */
  async close(): Promise<void> {
    this.#closed = true;
    const sockets = [...this.#sockets.values()];
    this.#sockets.clear();
    for (const pending of this.#pending.values()) pending.reject(new Error("DNS client closed"));
    for (const socket of await Promise.allSettled(sockets)) {
      if (socket.status === "fulfilled") socket.value.close();
    }
  }

  #socket(family: Family): Promise<udp.Socket<"buffer">> {
    if (this.#closed) return Promise.reject(new Error("DNS client closed"));
    let socket = this.#sockets.get(family);
    if (!socket) {
      const hostname = family === "IPv6" ? "::" : "0.0.0.0";
      socket = Bun.udpSocket({ hostname, socket: { data: (_s, bytes, port) => this.#receive(bytes, port) } });
      // A failed bind must not stay cached: the next query tries again.
      socket.catch(() => this.#sockets.delete(family));
      this.#sockets.set(family, socket);
    }
    return socket;
  }

  #receive(bytes: Uint8Array, port: number): void {
    if (bytes.length < 12) return; // not a DNS message: ignore, the query times out
    const pending = this.#pending.get((bytes[0]! << 8) | bytes[1]!);
    if (pending && pending.port === port) pending.resolve(bytes);
  }

  #freeId(): number {
    for (;;) {
      const id = (Math.random() * 0x10000) | 0;
      if (!this.#pending.has(id)) return id;
    }
  }
}
