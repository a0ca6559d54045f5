/**
 * @module A test-only Milvus server: gRPC (@grpc/grpc-js) serving MilvusService from the very descriptor
 * JSON the `@zilliz/milvus2-sdk-node` SDK bundles, so the official SDK runs against it unchanged.
 * Storage is in memory; search is brute force over float vectors.
 */
import * as grpc from "@grpc/grpc-js";
import { HANDLERS } from "./milvus-grpc/handler-table.ts";
import { MilvusStore, type MilvusCollection } from "./milvus-grpc/milvus-collection.ts";
import { answersWithStatus, loadMilvusProto } from "./milvus-grpc/milvus-proto.ts";
import { MilvusFailure, successStatus, type MilvusStatus } from "./milvus-grpc/milvus-status.ts";

export type { MilvusCollection, Row } from "./milvus-grpc/milvus-collection.ts";

/** Options of {@link startMilvusGrpcServer}. */
export interface MilvusGrpcServerOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /**
   * When set, every call must carry this token (the SDK's `token`, or `username:password`), else it fails
   * with gRPC status UNAUTHENTICATED, as Milvus's auth interceptor does.
   */
  requiredToken?: string;
}

/** One RPC as the server received it. */
export interface RecordedCall {
  /** The gRPC method name: `Insert`, `Search`, `ClientHeartbeat`, … */
  method: string;
  /** The request, decoded with the SDK's loader options (snake_case keys, enums and int64 as strings). */
  request: any;
  /** Request metadata, e.g. `authorization` (base64 of the token) and `dbname`. */
  metadata: Record<string, string>;
}

/** What {@link MilvusGrpcServer.failNext} makes the next matching call return. */
export interface InjectedMilvusFailure {
  /** Milvus error code of the failed Status (default 65535, Milvus's "unexpected error"). */
  code?: number;
  reason?: string;
  /** Legacy `error_code` enum name (default "UnexpectedError"). */
  errorCode?: string;
  /**
   * Fail at the gRPC level with this status code instead of answering a failed Status. The SDK retries
   * codes other than DEADLINE_EXCEEDED, PERMISSION_DENIED, UNAUTHENTICATED, INVALID_ARGUMENT,
   * ALREADY_EXISTS, RESOURCE_EXHAUSTED and UNIMPLEMENTED up to 3 times: set `times` to outlast that.
   */
  grpcCode?: grpc.status;
  /** How many consecutive calls fail (default 1). */
  times?: number;
}

/** A running server; `await using` stops it. */
export interface MilvusGrpcServer {
  readonly port: number;
  /** `127.0.0.1:<port>`, the SDK's `address`. */
  readonly address: string;
  /** Every call received, in arrival order (including the SDK's telemetry heartbeats). */
  readonly calls: RecordedCall[];
  /** The in-memory collections by name, for inspecting or seeding state directly. */
  readonly collections: Map<string, MilvusCollection>;
  /** Makes the next call(s) of `method` fail (queued per method). */
  failNext(method: string, failure?: InjectedMilvusFailure): void;
  /** Shuts the server down, cancelling in-flight calls. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1.
 * @example
 * await using server = await startMilvusGrpcServer();
 * const client = new MilvusClient({ address: server.address });
 */
export async function startMilvusGrpcServer(options: MilvusGrpcServerOptions = {}): Promise<MilvusGrpcServer> {
  const instance = new GrpcServer(options.requiredToken);
  await instance.listen(options.port ?? 0);
  return instance;
}

class GrpcServer implements MilvusGrpcServer {
  readonly calls: RecordedCall[] = [];
  readonly #store = new MilvusStore();
  readonly #failures = new Map<string, InjectedMilvusFailure[]>();
  readonly #requiredToken: string | undefined;
  readonly #server = new grpc.Server();
  #port = 0;

  constructor(requiredToken: string | undefined) {
    this.#requiredToken = requiredToken;
  }

  get port(): number {
    return this.#port;
  }

  get address(): string {
    return `127.0.0.1:${this.#port}`;
  }

  get collections(): Map<string, MilvusCollection> {
    return this.#store.collections;
  }

  async listen(port: number): Promise<void> {
    const { milvusService, telemetryService } = loadMilvusProto();
    this.#server.addService(milvusService, this.#implement(milvusService));
    this.#server.addService(telemetryService, this.#implement(telemetryService));
    const credentials = grpc.ServerCredentials.createInsecure();
    this.#port = await new Promise<number>((resolve, reject) => {
      this.#server.bindAsync(`127.0.0.1:${port}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
    });
  }

  failNext(method: string, failure: InjectedMilvusFailure = {}): void {
    const queue = this.#failures.get(method) ?? [];
    for (let i = 0; i < (failure.times ?? 1); i++) queue.push(failure);
    this.#failures.set(method, queue);
  }

  async stop(): Promise<void> {
    this.#server.forceShutdown();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** One unary handler per method; streaming methods are left to grpc-js's UNIMPLEMENTED default. */
  #implement(service: grpc.ServiceDefinition): grpc.UntypedServiceImplementation {
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [method, definition] of Object.entries(service)) {
      if (definition.requestStream || definition.responseStream) continue;
      const bareStatus = answersWithStatus(definition);
      implementation[method] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
        callback(...this.#answer(method, bareStatus, call));
      };
    }
    return implementation;
  }

  #answer(method: string, bareStatus: boolean, call: grpc.ServerUnaryCall<any, any>): [grpc.ServiceError | null, any?] {
    const metadata = Object.fromEntries(Object.entries(call.metadata.getMap()).map(([k, v]) => [k, String(v)]));
    this.calls.push({ method, request: call.request, metadata });
    if (this.#requiredToken !== undefined && decodeToken(metadata.authorization) !== this.#requiredToken) {
      return [grpcError(grpc.status.UNAUTHENTICATED, "auth check failure, please check username, password or token")];
    }
    const failure = this.#failures.get(method)?.shift();
    if (failure?.grpcCode !== undefined) return [grpcError(failure.grpcCode, failure.reason ?? `failNext: ${method}`)];
    let status: MilvusStatus = successStatus();
    let reply: Record<string, unknown> = {};
    try {
      if (failure) throw new MilvusFailure(failure.code ?? 65535, failure.reason ?? `failNext: ${method}`, failure.errorCode);
      reply = HANDLERS[method]?.(call.request, { store: this.#store }) ?? {};
    } catch (error) {
      status = error instanceof MilvusFailure ? error.status : { error_code: "UnexpectedError", code: 65535, reason: String(error) };
      reply = {};
    }
    return [null, bareStatus ? status : { ...reply, status }];
  }
}

function decodeToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : Buffer.from(authorization, "base64").toString("utf8");
}

function grpcError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}
