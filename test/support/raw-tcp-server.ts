/**
 * A scriptable TCP server for HTTP client tests: for every request head it receives, a script decides the exact
 * bytes to answer — broken status lines, lying Content-Lengths, resets mid-body, silence — so a client's handling
 * of misbehaving servers can be tested against real sockets.
 * @module
 */
import type { Socket, TCPSocketListener } from "bun";

/** One received request and the controls to answer it. */
export interface RawExchange {
  /** The request head as text (request line and headers). */
  readonly head: string;
  /** The request line, e.g. `GET /path HTTP/1.1`. */
  readonly requestLine: string;
  /** 0 for the first connection the server accepted, 1 for the next, … */
  readonly connection: number;
  /** 0 for the first request on this connection. */
  readonly requestOnConnection: number;
  /** Writes raw bytes (a string is sent as latin-1 bytes). */
  write(data: string | Uint8Array): void;
  /** Sends FIN after what was written. */
  end(): void;
  /** Closes the connection at once (the peer sees a reset or an abrupt close). */
  reset(): void;
}

/** Answers one request; doing nothing leaves the client waiting. */
export type RawScript = (exchange: RawExchange) => void | Promise<void>;

/** A running raw server; `await using server = startRawTcpServer(script)` stops it. */
export interface RawTcpServer extends AsyncDisposable {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections open right now. */
  readonly openConnections: number;
  /** Request heads received so far. */
  readonly requests: number;
  stop(): void;
}

interface ConnectionState {
  index: number;
  buffer: string;
  requests: number;
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

function control(socket: Socket<ConnectionState>, head: string, state: ConnectionState): RawExchange {
  return {
    head,
    requestLine: head.split("\r\n", 1)[0] ?? "",
    connection: state.index,
    requestOnConnection: state.requests - 1,
    write: (data) => void socket.write(typeof data === "string" ? latin1(data) : data),
    end: () => socket.end(),
    reset: () => socket.terminate(),
  };
}

/** Splits complete request heads (and skips their Content-Length bodies) off the connection's buffer. */
function takeRequests(state: ConnectionState): string[] {
  const heads: string[] = [];
  for (;;) {
    const end = state.buffer.indexOf("\r\n\r\n");
    if (end < 0) return heads;
    const head = state.buffer.slice(0, end);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (state.buffer.length < end + 4 + length) return heads;
    state.buffer = state.buffer.slice(end + 4 + length);
    heads.push(head);
  }
}

/** Starts a raw server on a free port of 127.0.0.1; `script` answers every request. */
export function startRawTcpServer(script: RawScript): RawTcpServer {
  let accepted = 0;
  let open = 0;
  let requests = 0;
  const listener: TCPSocketListener<ConnectionState> = Bun.listen<ConnectionState>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(socket) {
        socket.data = { index: accepted++, buffer: "", requests: 0 };
        open++;
      },
      data(socket, chunk) {
        const state = socket.data;
        state.buffer += Buffer.from(chunk).toString("latin1");
        for (const head of takeRequests(state)) {
          state.requests++;
          requests++;
          void script(control(socket, head, state));
        }
      },
      close() {
        open--;
      },
      error() {
        // A client that resets is part of what these tests provoke.
      },
    },
  });
  const stop = () => listener.stop(true);
  return {
    port: listener.port,
    url: `http://127.0.0.1:${listener.port}`,
    get connections() {
      return accepted;
    },
    get openConnections() {
      return open;
    },
    get requests() {
      return requests;
    },
    stop,
    [Symbol.asyncDispose]: async () => stop(),
  };
}
