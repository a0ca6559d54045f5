import type { QueryResult, QueryResultRow } from "pg";

/** Runs and reports one statement on the transaction's connection; rejects when it failed (after counting it). */
export type StatementRunner = (
  sql: string,
  params: unknown[] | undefined,
  name: string | undefined,
) => Promise<QueryResult>;

/**
 * The handle a `transaction(async (tx) => …)` callback gets: statements on the transaction's one connection.
 * Unlike `PostgresClient.executeQuery`, a failed statement rejects (it is still counted once), so the
 * callback stops and the transaction rolls back.
 */
export class PostgresTransaction {
  readonly #run: StatementRunner;

  constructor(run: StatementRunner) {
    this.#run = run;
  }

  /** Runs one statement inside the transaction, reported as ("postgres", name ?? normalised SQL). */
  async executeQuery<R extends QueryResultRow = QueryResultRow>(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<QueryResult<R>> {
    return (await this.#run(sql, params, name)) as QueryResult<R>;
  }
}
