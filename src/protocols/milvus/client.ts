/**
 * @module MilvusCollectionClient: Milvus operations on one collection through the official SDK, each timed and
 * reported through `events.request`, with Locust's names and an optional recall metric.
 */
import type * as Milvus from "@zilliz/milvus2-sdk-node";
import { ensureCollection, type MilvusCollectionSchema, type MilvusIndexParams } from "./collection-setup.ts";
import { importMilvusSdk } from "./import-milvus.ts";
import { MilvusEmptyResultError, countHits, findStatusFailure, type MilvusStatusLike } from "./milvus-result.ts";
import { MILVUS_REQUEST_TYPE, type MilvusRequestName } from "./names.ts";
import { computeRecall } from "./recall.ts";
import type {
  MilvusHybridSearchOptions,
  MilvusQueryOptions,
  MilvusRequestOptions,
  MilvusSearchOptions,
  MilvusWriteOptions,
} from "./request-options.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

/** What this client needs from its user (a `User` fits). */
export type MilvusClientOwner = ClientOwner;

/** Where and how a {@link MilvusCollectionClient} connects. */
export interface MilvusClientSettings {
  /** Milvus address, e.g. `"http://localhost:19530"` (https for TLS). */
  uri: string;
  /** `"user:password"` or an API key; default `"root:Milvus"`. Empty for no authentication. */
  token: string;
  collectionName: string;
  dbName: string;
  /** Seconds each call may take (the gRPC deadline). */
  timeout: number;
  /** Whether a search or query that finds nothing is a failure (Locust: not). */
  emptyIsFailure: boolean;
  /** More SDK client options (TLS, channel options, …); `telemetry` is off and `logLevel` "warn" unless set here. */
  clientOptions?: Partial<Milvus.ClientConfig>;
}

/** Search results plus the recall, when a ground truth was given. */
export type MilvusSearchResults = Milvus.SearchResults<Milvus.SearchSimpleReq> & { recall?: number };

interface Outcome {
  length: number;
  empty: boolean;
}

type WithStatus = { status?: MilvusStatusLike };

function describeHits(results: unknown): Outcome {
  const hits = countHits(results);
  return { length: hits, empty: hits === 0 };
}

/**
 * Milvus operations on one collection, reported as request type `"milvus"` with Locust's names (`"insert"`,
 * `"upsert"`, `"search"`, `"hybrid_search"`, `"query"`, `"delete"`, and `"recall"`). Response length = entities
 * written or deleted, hits or rows returned. A thrown SDK error or a reply whose status is not Success is a counted
 * failure; an empty search or query result is not, unless `emptyIsFailure`. Operations resolve with the SDK's
 * reply whenever one arrived (check its `status`) and with `undefined` when the SDK threw.
 * @example
 * ```ts
 * const found = await this.client.search([vector], { annsField: "vec", limit: 10, groundTruth: nearestIds });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.milvus.MilvusUser
 */
export class MilvusCollectionClient {
  readonly settings: MilvusClientSettings;
  readonly #owner: MilvusClientOwner;
  #sdk: Milvus.MilvusClient | undefined;
  /** The SDK's connect has not settled yet (a silent server keeps it so, and its close would wait for it). */
  #connecting = false;

  constructor(owner: MilvusClientOwner, settings: MilvusClientSettings) {
    this.#owner = owner;
    this.settings = settings;
  }

  /** Loads the SDK and connects, reported as `"connect"` (a refused token or a dead server is a counted failure). */
  async connect(): Promise<void> {
    if (this.#sdk) return;
    const { MilvusClient } = await importMilvusSdk();
    const { uri, token, dbName, timeout, clientOptions } = this.settings;
    const sdk = new MilvusClient({
      address: uri,
      token: token || undefined,
      database: dbName,
      timeout: timeout * 1000,
      telemetry: { enabled: false },
      // The SDK's logger prints every request at debug level when NODE_ENV is "test".
      logLevel: "warn",
      ...clientOptions,
    });
    this.#sdk = sdk;
    this.#connecting = true;
    const settled = () => (this.#connecting = false);
    sdk.connectPromise.then(settled, settled);
    await this.#timed("connect", async () => void (await sdk.connectPromise), () => ({ length: 0, empty: false }));
  }

  /**
   * Closes the gRPC channel; safe to call when never connected. While the connect is still pending it waits at most
   * a second: the SDK's close waits for a connect that a silent server never completes, and a stopping user must
   * not hang on it.
   */
  async close(): Promise<void> {
    const sdk = this.#sdk;
    this.#sdk = undefined;
    if (!sdk) return;
    if (!this.#connecting) {
      await sdk.closeConnection();
      return;
    }
    let timer: Timer | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
    try {
      await Promise.race([sdk.closeConnection().catch(() => {}), gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The SDK client, for untimed setup work. Only after `connect()`. */
  get sdk(): Milvus.MilvusClient {
    if (!this.#sdk) throw new Error("MilvusCollectionClient is not connected: call connect() (a MilvusUser does)");
    return this.#sdk;
  }

  /** Creates, indexes and loads the collection unless it exists (untimed; once per process and collection). */
  async ensureCollection(schema: MilvusCollectionSchema, indexParams?: MilvusIndexParams): Promise<void> {
    await this.connect();
    await ensureCollection(this.sdk, this.settings, schema, indexParams);
  }

  /** Inserts rows; length = entities inserted. */
  insert(data: Milvus.RowData[], options: MilvusWriteOptions = {}): Promise<Milvus.MutationResult | undefined> {
    const request = compact<Milvus.InsertReq>({
      collection_name: this.#collection(options),
      partition_name: options.partitionName,
      data,
    });
    return this.#write("insert", options, (sdk) => sdk.insert(request), (reply) => Number(reply.insert_cnt));
  }

  /** Inserts or replaces rows by primary key; length = entities upserted. */
  upsert(data: Milvus.RowData[], options: MilvusWriteOptions = {}): Promise<Milvus.MutationResult | undefined> {
    const request = compact<Milvus.UpsertReq>({
      collection_name: this.#collection(options),
      partition_name: options.partitionName,
      data,
    });
    return this.#write("upsert", options, (sdk) => sdk.upsert(request), (reply) => Number(reply.upsert_cnt));
  }

  /** Deletes by filter expression or by primary keys; length = entities deleted. */
  delete(filterOrIds: string | string[] | number[], options: MilvusWriteOptions = {}): Promise<Milvus.MutationResult | undefined> {
    const target = typeof filterOrIds === "string" ? { filter: filterOrIds } : { ids: filterOrIds };
    const request = compact<Milvus.DeleteReq>({
      collection_name: this.#collection(options),
      partition_name: options.partitionName,
      ...target,
    });
    return this.#write("delete", options, (sdk) => sdk.delete(request), (reply) => Number(reply.delete_cnt));
  }

  /**
   * Searches the nearest neighbours of one vector or several; length = hits. With `groundTruth`, also reports
   * `"recall"` with response time = recall × 100 (Locust's convention, so the stats table shows it as a
   * percentage; kept as a float where Locust truncates to an int) and length = ids retrieved, and sets `recall`
   * on the returned results. Recall is reported whenever the search succeeded, also as 0 for an empty result
   * (Locust skips it then, which hides the worst case).
   */
  async search(
    data: Milvus.SearchData | Milvus.SearchData[],
    options: MilvusSearchOptions = {},
  ): Promise<MilvusSearchResults | undefined> {
    const request = compact<Milvus.SearchSimpleReq>({
      ...options.request,
      collection_name: this.#collection(options),
      data,
      anns_field: options.annsField,
      limit: options.limit,
      filter: options.filter,
      params: options.searchParams,
      output_fields: options.outputFields,
    });
    const reply = await this.#timed(
      options.requestName ?? "search",
      (sdk) => sdk.search(request) as Promise<MilvusSearchResults>,
      (reply) => describeHits(reply.results),
      options.emptyIsFailure,
    );
    if (reply && options.groundTruth && !findStatusFailure(reply.status)) this.#reportRecall(reply, options);
    return reply;
  }

  /** Searches several vector fields and fuses the rankings; length = hits. */
  hybridSearch(
    requests: Milvus.HybridSearchSingleReq[],
    options: MilvusHybridSearchOptions = {},
  ): Promise<Milvus.SearchResults<Milvus.HybridSearchReq> | undefined> {
    const request = compact<Milvus.HybridSearchReq>({
      ...options.request,
      collection_name: this.#collection(options),
      data: requests,
      rerank: options.rerank,
      limit: options.limit,
      output_fields: options.outputFields,
    });
    return this.#timed(
      options.requestName ?? "hybrid_search",
      (sdk) => sdk.hybridSearch(request),
      (reply) => describeHits(reply.results),
      options.emptyIsFailure,
    );
  }

  /** Fetches the rows matching a filter expression; length = rows. */
  query(filter: string, options: MilvusQueryOptions = {}): Promise<Milvus.QueryResults | undefined> {
    const request = compact<Milvus.QueryReq>({
      ...options.request,
      collection_name: this.#collection(options),
      filter,
      output_fields: options.outputFields,
      limit: options.limit,
    });
    return this.#timed(
      options.requestName ?? "query",
      (sdk) => sdk.query(request),
      (result) => ({ length: result.data.length, empty: result.data.length === 0 }),
      options.emptyIsFailure,
    );
  }

  #collection(options: MilvusRequestOptions): string {
    return options.collectionName ?? this.settings.collectionName;
  }

  #write(
    name: MilvusRequestName,
    options: MilvusRequestOptions,
    run: (sdk: Milvus.MilvusClient) => Promise<Milvus.MutationResult>,
    count: (reply: Milvus.MutationResult) => number,
  ): Promise<Milvus.MutationResult | undefined> {
    return this.#timed(options.requestName ?? name, run, (reply) => ({ length: count(reply) || 0, empty: false }));
  }

  #reportRecall(reply: MilvusSearchResults, options: MilvusSearchOptions): void {
    const measured = computeRecall(reply.results, options.groundTruth!, options.limit);
    if (!measured) return;
    reply.recall = measured.recall;
    const fact = { responseTime: measured.recall * 100, responseLength: measured.retrieved, context: this.#owner.context() };
    this.#owner.environment.events.request.observe(MILVUS_REQUEST_TYPE, "recall", fact);
  }

  /** Times `run` and reports it, unless the user's abort signal ended the wait (then it rejects, unreported). */
  async #timed<T extends WithStatus | void>(
    name: string,
    run: (sdk: Milvus.MilvusClient) => Promise<T>,
    describe: (reply: T) => Outcome,
    emptyIsFailure = this.settings.emptyIsFailure,
  ): Promise<T | undefined> {
    if (!this.#sdk) await this.connect();
    const options = { signal: this.#owner.signal, context: this.#owner.context() };
    return this.#owner.environment.events.request.measure(MILVUS_REQUEST_TYPE, name, async (meta) => {
      const reply = await run(this.#sdk!).catch((error: unknown) => Promise.reject(withoutTimings(error)));
      // A reply with a failure status is still returned to the caller, and counted as failed.
      meta.exception = findStatusFailure((reply as WithStatus | undefined)?.status);
      const outcome = meta.exception ? { length: 0, empty: false } : describe(reply);
      meta.responseLength = outcome.length;
      if (outcome.empty && emptyIsFailure) meta.exception = new MilvusEmptyResultError(`Empty ${name} result`);
      return reply;
    }, options);
  }
}

/** The SDK tests some fields with `in`, so keys set to undefined are left out rather than sent. */
function compact<T>(request: Record<string, unknown>): T {
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return request as T;
}

/** How long `close()` waits for the SDK to close its channel. */
const CLOSE_WAIT_MS = 1000;

/** gRPC's durations that differ on every failure: `(retried 3 times, 146ms)`, `Deadline exceeded after 1.000s,…`. */
const GRPC_TIMINGS: readonly [RegExp, string][] = [
  [/ \(retried \d+ times?, \d+ms\)/g, ""],
  [/(Deadline exceeded) after [^\n]*/g, "$1"],
];

/**
 * The SDK's transport error with its per-attempt timings removed, so the same fault groups into one failure row
 * (e.g. `14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1`).
 */
function withoutTimings(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const message = GRPC_TIMINGS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), error.message);
  if (message === error.message) return error;
  return Object.assign(new Error(message, { cause: error }), { name: error.name });
}
