/**
 * An in-process Socket.IO server (the `socket.io` package on node:http) that records everything it receives.
 * Events it understands: `echo` acks with its arguments; `never` is never acked; `push` ({ event, payload, times })
 * makes the server emit `event` to the caller `times` times; `drop` disconnects the caller without acking.
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket } from "socket.io";

/** One event as the server saw it. */
export interface ReceivedEvent {
  socketId: string;
  event: string;
  args: unknown[];
}

/** Settings of {@link startSocketIoServer}. */
export interface SocketIoServerOptions {
  /** Refuse handshakes whose `auth.token` differs (connect_error "unauthorized"). */
  requireToken?: string;
  /** Engine path; default `/socket.io`. */
  path?: string;
}

/** A running server; `await using` closes it. */
export interface SocketIoTestServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly io: Server;
  /** Every event received, in arrival order (acks excluded from `args`). */
  readonly received: ReceivedEvent[];
  /** Handshake details of every accepted connection. */
  readonly handshakes: { auth: Record<string, unknown>; headers: Record<string, unknown>; transport: string }[];
  /** Resolves once `predicate` holds (checked after every received event and connection). */
  until(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

function handle(socket: Socket, record: (event: ReceivedEvent) => void): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (...reply: unknown[]) => void) : undefined;
    record({ socketId: socket.id, event, args });
    if (event === "echo") ack?.(...args);
    if (event === "drop") socket.disconnect(true);
    if (event === "push") {
      const { event: name, payload, times = 1 } = args[0] as { event: string; payload: unknown; times?: number };
      for (let i = 0; i < times; i++) socket.emit(name, payload);
    }
  });
}

/** Starts a server on a free port of 127.0.0.1. */
export async function startSocketIoServer(options: SocketIoServerOptions = {}): Promise<SocketIoTestServer> {
  const http = createServer();
  const io = new Server(http, { path: options.path ?? "/socket.io", cors: { origin: "*" } });
  const received: ReceivedEvent[] = [];
  const handshakes: SocketIoTestServer["handshakes"] = [];
  let wake: () => void = () => {};
  const changed = () => wake();
  if (options.requireToken !== undefined) {
    io.use((socket, next) => {
      next(socket.handshake.auth.token === options.requireToken ? undefined : new Error("unauthorized"));
    });
  }
  io.on("connection", (socket) => {
    const { auth, headers } = socket.handshake;
    handshakes.push({ auth, headers, transport: socket.conn.transport.name });
    handle(socket, (event) => {
      received.push(event);
      changed();
    });
    changed();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => io.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    io,
    received,
    handshakes,
    async until(predicate) {
      while (!predicate()) await new Promise<void>((resolve) => (wake = resolve));
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
