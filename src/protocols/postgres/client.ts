/**
 * PostgresClient: node-postgres behind timed statements — connect, executeQuery and transactions, each reported
 * through `events.request` with request type "postgres".
 * @module
 */
import { Socket } from "node:net";
import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg";
import { LocustError } from "../../core/errors.ts";
import { createLogger } from "../../core/log.ts";
import { sendCancelRequest, type CancelTarget } from "./cancel-request.ts";
import { importPg, type PgModule } from "./import-pg.ts";
import { formatQueryName, POSTGRES_REQUEST_TYPE } from "./names.ts";
import { PostgresTransaction, type StatementRunner } from "./transaction.ts";
import type { RequestMeta } from "../../core/events/request-hook.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

const log = createLogger("locust.protocols.postgres");

/** What this client needs from its user (a `User` fits). */
export type PostgresClientOwner = ClientOwner;

/** Connection settings of a {@link PostgresClient}. */
export interface PostgresSettings {
  /** `postgres://user:password@host:port/database?…` */
  connString?: string;
  /** Connections this user may hold at once. Default 1. */
  poolSize?: number;
  /** Server-side `statement_timeout` in milliseconds; a longer statement fails. Default none. */
  statementTimeout?: number;
  /** Milliseconds to wait for a connection. Default 10 000. */
  connectTimeout?: number;
  /** `application_name` shown in pg_stat_activity. Default "locust-bun". */
  applicationName?: string;
}

/** How long `close()` waits for CancelRequests still being sent. */
const CANCEL_WAIT_MS = 1000;

/** Where to send a CancelRequest for this connection's backend (pg keeps the key data on the client). */
function cancelTarget(client: PoolClient): CancelTarget {
  const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
  return { host: client.host, port: client.port, processId: processID, secretKey };
}

/** Rows returned or affected: `rowCount` (summed over a multi-statement string). */
function rowCount(result: QueryResult | QueryResult[]): number {
  const results = Array.isArray(result) ? result : [result];
  return results.reduce((sum, r) => sum + (r.rowCount ?? r.rows?.length ?? 0), 0);
}

/**
 * A PostgreSQL connection pool (one connection by default) whose statements are timed and reported as
 * ("postgres", name). Server faults never throw: `executeQuery` resolves to undefined and the failure — with
 * PostgreSQL's own message — is counted. A statement rejects only when the user's abort signal fires (force stop).
 * @example
 * ```ts
 * const result = await this.client.executeQuery("SELECT * FROM items WHERE id = $1", [42], "item by id");
 * await this.client.transaction(async (tx) => {
 *   await tx.executeQuery("UPDATE stock SET n = n - 1 WHERE id = $1", [42]);
 *   await tx.executeQuery("INSERT INTO orders (item) VALUES ($1)", [42]);
 * });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#postgresuser
 */
export class PostgresClient {
  /** Connection settings, read at `connect()`; may be changed before it. */
  readonly settings: PostgresSettings;
  readonly #owner: PostgresClientOwner;
  #pg: PgModule | undefined;
  #pool: Pool | undefined;
  /** CancelRequests on their way to the server; `close()` lets them leave before the process may exit. */
  readonly #cancels = new Set<Promise<void>>();
  /** Sockets of connections not yet ready; `close()` drops them instead of waiting out `connectTimeout`. */
  readonly #connecting = new Set<Socket>();

  constructor(owner: PostgresClientOwner, settings: PostgresSettings = {}) {
    this.#owner = owner;
    this.settings = settings;
  }

  /** The node-postgres Pool once `connect()` ran, for anything this wrapper does not cover. */
  get pool(): Pool | undefined {
    return this.#pool;
  }

  /**
   * Creates the pool and opens its first connection, reported as ("postgres", "connect"). A refused connection,
   * bad credentials or an unknown database is a counted failure and resolves to false; later statements retry.
   * @throws LocustError when pg is missing or no connection string is set (setup errors).
   */
  async connect(): Promise<boolean> {
    this.#pg = await importPg();
    const connectionString = this.#connString();
    await this.close();
    const pool = new this.#pg.Pool({
      connectionString,
      max: this.settings.poolSize ?? 1,
      connectionTimeoutMillis: this.settings.connectTimeout ?? 10_000,
      application_name: this.settings.applicationName ?? "locust-bun",
      ...(this.settings.statementTimeout ? { statement_timeout: this.settings.statementTimeout } : {}),
      stream: () => this.#newSocket(),
    });
    // An idle connection that dies (server restart) is reported here; without a listener it would crash the process.
    pool.on("error", (err) => log.warning(`PostgreSQL connection lost: ${err.message}`));
    pool.on("connect", (client) => this.#connecting.delete(client.connection.stream as Socket));
    this.#pool = pool;
    return this.#timed("connect", async () => {
      (await this.#checkout()).release();
    });
  }

  /**
   * Runs one statement (with `$1…` parameters), reported as ("postgres", name) where name defaults to the
   * normalised SQL (see `formatQueryName`); response length = rows returned or affected. Resolves to the result,
   * or undefined when the statement failed (the failure is counted with PostgreSQL's message).
   */
  async executeQuery<R extends QueryResultRow = QueryResultRow>(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<QueryResult<R> | undefined> {
    let result: QueryResult<R> | undefined;
    await this.#timed(name ?? formatQueryName(sql), async (meta) => {
      result = await this.#onPooledConnection((client) => client.query<R>(sql, params));
      meta.responseLength = rowCount(result);
    });
    return result;
  }

  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection; if `fn` throws (a failed statement inside it rejects, after
   * being counted), the transaction is rolled back. Each statement (BEGIN, COMMIT, ROLLBACK too) is reported, and
   * the whole transaction as ("postgres", name). Resolves to `fn`'s result, or undefined when it rolled back.
   */
  async transaction<T>(fn: (tx: PostgresTransaction) => Promise<T>, name = "transaction"): Promise<T | undefined> {
    let result: T | undefined;
    await this.#timed(name, () =>
      this.#onPooledConnection(async (client) => {
        const tx = new PostgresTransaction(this.#runnerFor(client));
        await tx.executeQuery("BEGIN");
        try {
          result = await fn(tx);
          await tx.executeQuery("COMMIT");
        } catch (err) {
          await tx.executeQuery("ROLLBACK").catch(() => {}); // counted already; the original error matters more
          throw err;
        }
      }),
    );
    return result;
  }

  /**
   * Closes every connection (not reported). Called by PostgresUser's `onStop`. Waits (at most a second) for
   * CancelRequests still being sent: the run may end right after, and an unsent cancel leaves the statement running.
   */
  async close(): Promise<void> {
    if (this.#cancels.size > 0) await Promise.race([Promise.all(this.#cancels), Bun.sleep(CANCEL_WAIT_MS)]);
    // A connect the stop interrupted (a server that accepts but never answers) would hold pool.end() for up to
    // connectTimeout; nobody waits for it any more.
    for (const socket of this.#connecting) socket.destroy();
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool && !pool.ended) await pool.end();
  }

  /** pg's own socket, remembered until its connection is ready or it closes. */
  #newSocket(): Socket {
    const socket = new Socket();
    this.#connecting.add(socket);
    socket.once("close", () => this.#connecting.delete(socket));
    return socket;
  }

  #connString(): string {
    const connString = this.settings.connString?.trim();
    if (connString) return connString;
    throw new LocustError("PostgresUser has no connection string", {
      code: "POSTGRES_NO_CONN_STRING",
      hint: 'Set `static connString = "postgres://user@127.0.0.1:5432/db"` or pass --host postgres://….',
    });
  }

  async #checkout(): Promise<PoolClient> {
    if (!this.#pool) throw new Error("PostgreSQL client is not connected (call connect() first)");
    return this.#pool.connect();
  }

  /**
   * Lends one pooled connection to `work`. If the user is force-stopped meanwhile, the running statement is
   * cancelled (CancelRequest) and the connection destroyed instead of being returned busy to the pool.
   */
  async #onPooledConnection<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#checkout();
    const signal = this.#owner.signal;
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.release(err);
    };
    if (signal.aborted) {
      release(); // stopped while waiting for a free connection: nobody waits for this statement any more
      throw signal.reason;
    }
    const onAbort = () => {
      const sent = sendCancelRequest(cancelTarget(client));
      this.#cancels.add(sent);
      void sent.then(() => this.#cancels.delete(sent));
      release(new Error("the user was stopped"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await work(client);
    } catch (err) {
      // A SQL error leaves the connection usable; anything else (reset, terminated) means it is gone.
      release(err instanceof this.#pg!.DatabaseError ? undefined : (err as Error));
      throw err;
    } finally {
      signal.removeEventListener("abort", onAbort);
      release();
    }
  }

  #runnerFor(client: PoolClient): StatementRunner {
    return async (sql, params, name) => {
      let result: QueryResult | undefined;
      let failure: unknown;
      await this.#timed(name ?? formatQueryName(sql), async (meta) => {
        try {
          result = await client.query(sql, params);
        } catch (err) {
          failure = err;
          throw err;
        }
        meta.responseLength = rowCount(result);
      });
      if (failure !== undefined) throw failure;
      return result!;
    };
  }

  async #timed(name: string, work: (meta: RequestMeta) => Promise<void>): Promise<boolean> {
    const events = this.#owner.environment.events;
    const options = { signal: this.#owner.signal, context: this.#owner.context() };
    const ok = await events.request.measure(POSTGRES_REQUEST_TYPE, name, (meta) => work(meta).then(() => true), options);
    return ok === true;
  }

}
