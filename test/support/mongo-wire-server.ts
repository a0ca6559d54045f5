/**
 * @module A test-only MongoDB server speaking the real wire protocol (OP_MSG, plus the legacy OP_QUERY
 * handshake answered with OP_REPLY), so the official `mongodb` driver runs against it unchanged.
 * Storage is in memory; filters, updates and pipelines are evaluated by `mingo`.
 */
import type { Socket, TCPSocketListener } from "bun";
import type { Document } from "bson";
import { CommandError } from "./mongo-wire/command-error.ts";
import type { CommandContext, ConnectionState } from "./mongo-wire/command-context.ts";
import { COMMANDS } from "./mongo-wire/command-table.ts";
import { MongoStore } from "./mongo-wire/mongo-store.ts";
import { UNAUTHENTICATED_COMMANDS } from "./mongo-wire/scram-auth.ts";
import { decodeRequest, encodeReply, splitFrames, type WireRequest } from "./mongo-wire/wire-codec.ts";

export { MongoStore } from "./mongo-wire/mongo-store.ts";

/** Options of {@link startMongoWireServer}. */
export interface MongoWireServerOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /**
   * username → password. When given, every command except the handshake, `ping`, `buildInfo` and SCRAM
   * needs a connection authenticated with SCRAM-SHA-256 (else code 13 Unauthorized); a wrong password fails
   * authentication with code 18. `{}` makes every login fail.
   */
  users?: Record<string, string>;
}

/** One command as the server received it. */
export interface RecordedCommand {
  /** The command name: the first key of the body (`insert`, `find`, `hello`, …). */
  command: string;
  /** The database (`$db`). */
  db: string;
  /** The whole command document, with OP_MSG document sequences merged in. */
  body: Document;
}

/** What {@link MongoWireServer.failNext} makes the next matching command do instead of running. */
export interface InjectedFailure {
  /** mongod error code of the `{ ok: 0 }` reply (default 1, InternalError; not retryable by the driver). */
  code?: number;
  codeName?: string;
  errmsg?: string;
  errorLabels?: string[];
  /** Close the connection instead of replying (a network error in the driver). */
  closeConnection?: boolean;
  /** Never reply; the request stays in flight until the client gives up or the server stops. */
  hang?: boolean;
}

/** A running server; `await using` stops it. */
export interface MongoWireServer {
  readonly port: number;
  /** `mongodb://127.0.0.1:<port>`; append `/<db>` or options as needed. */
  readonly uri: string;
  /** Every command received, in arrival order, including the driver's handshake and monitoring `hello`s. */
  readonly commands: RecordedCommand[];
  /** The in-memory data, for seeding or inspecting collections directly. */
  readonly store: MongoStore;
  /** Open client connections. */
  readonly connectionCount: number;
  /** Makes the next command named `command` fail (queued: call twice to fail the next two). */
  failNext(command: string, failure?: InjectedFailure): void;
  /** Closes the listener and every client connection; in-flight requests see the connection close. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

interface ConnectionData {
  state: ConnectionState;
  pending: Uint8Array;
  unsent: Uint8Array[];
}

/**
 * Starts the server on 127.0.0.1.
 * @example
 * await using server = await startMongoWireServer();
 * const client = new MongoClient(server.uri);
 */
export async function startMongoWireServer(options: MongoWireServerOptions = {}): Promise<MongoWireServer> {
  const server = new WireServer(options.users);
  server.listen(options.port ?? 0);
  return server;
}

class WireServer implements MongoWireServer {
  readonly commands: RecordedCommand[] = [];
  readonly store = new MongoStore();
  readonly #users: Readonly<Record<string, string>> | undefined;
  readonly #failures = new Map<string, InjectedFailure[]>();
  readonly #sockets = new Set<Socket<ConnectionData>>();
  #listener: TCPSocketListener<ConnectionData> | undefined;
  #nextConnectionId = 1;

  constructor(users: Record<string, string> | undefined) {
    this.#users = users;
  }

  get port(): number {
    return this.#listener?.port ?? 0;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  get connectionCount(): number {
    return this.#sockets.size;
  }

  listen(port: number): void {
    this.#listener = Bun.listen<ConnectionData>({
      hostname: "127.0.0.1",
      port,
      socket: {
        open: (socket) => {
          socket.data = { state: { id: this.#nextConnectionId++ }, pending: new Uint8Array(0), unsent: [] };
          this.#sockets.add(socket);
        },
        data: (socket, chunk) => this.#receive(socket, chunk),
        drain: (socket) => flushUnsent(socket),
        close: (socket) => void this.#sockets.delete(socket),
        error: (socket) => void this.#sockets.delete(socket),
      },
    });
  }

  failNext(command: string, failure: InjectedFailure = {}): void {
    const queue = this.#failures.get(command) ?? [];
    queue.push(failure);
    this.#failures.set(command, queue);
  }

  async stop(): Promise<void> {
    this.#listener?.stop(true);
    this.#listener = undefined;
    for (const socket of this.#sockets) socket.end();
    this.#sockets.clear();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** Buffers per connection: a message may span packets and a packet may hold several messages. */
  #receive(socket: Socket<ConnectionData>, chunk: Uint8Array): void {
    const connection = socket.data;
    const buffer = connection.pending.length === 0 ? chunk : Buffer.concat([connection.pending, chunk]);
    let frames: Uint8Array[];
    try {
      const split = splitFrames(buffer);
      frames = split.frames;
      connection.pending = split.rest.slice();
    } catch {
      socket.end(); // a corrupt length prefix leaves no way to resynchronise, as with mongod
      return;
    }
    for (const frame of frames) this.#handleFrame(socket, frame);
  }

  #handleFrame(socket: Socket<ConnectionData>, frame: Uint8Array): void {
    let request: WireRequest;
    try {
      request = decodeRequest(frame);
    } catch {
      socket.end(); // e.g. OP_COMPRESSED, which this server never advertised
      return;
    }
    const command = Object.keys(request.body)[0] ?? "";
    this.commands.push({ command, db: request.db, body: request.body });
    const failure = this.#failures.get(command)?.shift();
    if (failure?.hang) return;
    if (failure?.closeConnection) {
      socket.end();
      return;
    }
    const reply = failure ? injectedReply(command, failure) : this.#run(command, request, socket.data.state);
    if (!request.noReply) send(socket, encodeReply(request, reply));
  }

  #run(command: string, request: WireRequest, connection: ConnectionState): Document {
    const handler = COMMANDS[command];
    if (!handler) return new CommandError(59, "CommandNotFound", `no such command: '${command}'`).toReply();
    if (this.#users && !connection.user && !UNAUTHENTICATED_COMMANDS.has(command)) {
      return new CommandError(13, "Unauthorized", `command ${command} requires authentication`).toReply();
    }
    const context: CommandContext = { db: request.db, store: this.store, connection, users: this.#users };
    try {
      return { ...handler(request.body, context), ok: 1 };
    } catch (error) {
      if (error instanceof CommandError) return error.toReply();
      return new CommandError(1, "InternalError", `${command} failed: ${(error as Error).message}`).toReply();
    }
  }
}

function injectedReply(command: string, failure: InjectedFailure): Document {
  const code = failure.code ?? 1;
  const errmsg = failure.errmsg ?? `Failing command ${command} via failNext`;
  return new CommandError(code, failure.codeName ?? "InternalError", errmsg, failure.errorLabels).toReply();
}

/** Writes in order; what the kernel did not take now is finished from `drain`. */
function send(socket: Socket<ConnectionData>, bytes: Uint8Array): void {
  const { unsent } = socket.data;
  if (unsent.length > 0) {
    unsent.push(bytes);
    return;
  }
  const written = Math.max(socket.write(bytes), 0);
  if (written < bytes.length) unsent.push(bytes.subarray(written));
}

function flushUnsent(socket: Socket<ConnectionData>): void {
  const { unsent } = socket.data;
  while (unsent.length > 0) {
    const chunk = unsent[0]!;
    const written = Math.max(socket.write(chunk), 0);
    if (written < chunk.length) {
      unsent[0] = chunk.subarray(written);
      return;
    }
    unsent.shift();
  }
}
