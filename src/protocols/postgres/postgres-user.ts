import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { PostgresClient } from "./client.ts";

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

const SETTINGS = ["poolSize", "statementTimeout", "connectTimeout"] as const;

/** The first `postgres://` URL among --host, the class's connString and the class's host. */
function pickConnString(flagHost?: string, connString?: string, classHost?: string): string | undefined {
  const isUrl = (value?: string) => value !== undefined && POSTGRES_URL.test(value);
  if (isUrl(flagHost)) return flagHost;
  return connString ?? (isUrl(classHost) ? classHost : undefined);
}

/**
 * A user with its own PostgreSQL connection pool (`this.client`), opened before `onStart` (a failed connect is a
 * counted ("postgres", "connect") failure, and the user keeps running) and closed when the user ends.
 * The connection string is `--host` when that is a `postgres://` URL, else the class's `connString` (or a
 * `postgres://` class `host`).
 * @example
 * ```ts
 * export class Reader extends PostgresUser {
 *   static override connString = "postgres://postgres@127.0.0.1:5432/app";
 *   @task async read() { await this.client.executeQuery("SELECT * FROM items WHERE id = $1", [7], "item"); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#postgresuser
 */
export class PostgresUser extends ProtocolUser<PostgresClient> {
  static override abstract = true;
  /** `postgres://user:password@host:port/database` (Locust's `conn_string`). */
  static connString?: string;
  /** Connections each user may hold at once. */
  static poolSize = 1;
  /** Server-side statement timeout in milliseconds (0 = none). */
  static statementTimeout = 0;
  /** Milliseconds to wait for a connection. */
  static connectTimeout = 10_000;

  protected override createClient(settings: typeof PostgresUser): PostgresClient {
    const connString = pickConnString(this.environment.host, settings.connString, settings.host);
    return new PostgresClient(this, { ...pickSettings(settings, SETTINGS), connString });
  }
}
