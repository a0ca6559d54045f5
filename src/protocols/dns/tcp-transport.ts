import type { Socket } from "bun";

interface TcpExchange {
  done: boolean;
  received: Uint8Array[];
  receivedBytes: number;
  settle: (error: unknown, reply?: Uint8Array) => void;
}

/**
 * Sends one query over a new TCP connection with the 2-byte length prefix of RFC 1035 §4.2.2 and resolves with the
 * reply's bytes (without the prefix). The connection is closed afterwards, as dnspython's `dns.query.tcp` does
 * when it opens its own socket; the timing therefore includes the TCP handshake.
 */
export async function exchangeTcp(
  query: Uint8Array,
  host: string,
  port: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  signal.throwIfAborted();
  const framed = new Uint8Array(query.length + 2);
  framed[0] = query.length >> 8;
  framed[1] = query.length & 0xff;
  framed.set(query, 2);
  const { promise, resolve, reject } = Promise.withResolvers<Uint8Array>();
  let socket: Socket<TcpExchange> | undefined;
  const state: TcpExchange = {
    done: false,
    received: [],
    receivedBytes: 0,
    settle: (error, reply) => {
      if (state.done) return;
      state.done = true;
      signal.removeEventListener("abort", onAbort);
      socket?.terminate();
      if (reply) resolve(reply);
      else reject(describeConnectError(error, host, port));
    },
  };
  const onAbort = (): void => state.settle(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  Bun.connect<TcpExchange>({ hostname: host, port, data: state, socket: HANDLERS }).then(
    (opened) => {
      socket = opened;
      if (state.done) opened.terminate();
      else if (opened.write(framed) < framed.length) opened.data.settle(new Error("DNS query did not fit the TCP send buffer"));
    },
    (error) => state.settle(error),
  );
  return promise;
}

/** Bun's bare "Failed to connect" with the code and address added, as Node words it: `connect ECONNREFUSED h:p`. */
function describeConnectError(error: unknown, host: string, port: number): unknown {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  if (syscall !== "connect" || typeof code !== "string") return error;
  return Object.assign(new Error(`connect ${code} ${host}:${port}`, { cause: error }), { code });
}

/** One shared handler object for every connection; per-exchange state lives in `socket.data`. */
const HANDLERS = {
  data(socket: Socket<TcpExchange>, chunk: Uint8Array): void {
    const state = socket.data;
    state.received.push(chunk);
    state.receivedBytes += chunk.length;
    if (state.receivedBytes < 2) return;
    const all = state.received.length === 1 ? chunk : Buffer.concat(state.received);
    state.received = [all];
    const length = (all[0]! << 8) | all[1]!;
    if (all.length >= length + 2) state.settle(null, all.subarray(2, length + 2));
  },
  close(socket: Socket<TcpExchange>): void {
    socket.data.settle(new Error("DNS server closed the TCP connection before replying"));
  },
  error(socket: Socket<TcpExchange>, error: Error): void {
    socket.data.settle(error);
  },
  connectError(socket: Socket<TcpExchange>, error: Error): void {
    socket.data.settle(error);
  },
};
