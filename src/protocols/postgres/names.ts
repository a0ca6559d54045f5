/**
 * The request type of every PostgreSQL statement. Locust's PostgresUser encodes the outcome in the type
 * ("postgres_success" / "postgres_failure") and names every statement "execute_query", so its statistics cannot
 * tell statements apart and split one statement across two rows; here the type is fixed and the name says which
 * statement it was.
 */
export const POSTGRES_REQUEST_TYPE = "postgres";

/** Longest statement name derived from SQL text, in characters (before the ellipsis). */
export const MAX_QUERY_NAME_LENGTH = 40;

const STRING_LITERAL = /'(?:[^']|'')*'/g;
const NUMBER_LITERAL = /(?<![\w$.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/gi;
const WHITESPACE = /\s+/g;

/**
 * The statistics name of a statement without an explicit name: the SQL with whitespace collapsed, string and
 * number literals replaced by `?` (so `WHERE id = 7` and `WHERE id = 8` share one row, as in
 * pg_stat_statements), cut to {@link MAX_QUERY_NAME_LENGTH} characters with an ellipsis.
 * @example formatQueryName("SELECT *\n  FROM users WHERE id = 42") // "SELECT * FROM users WHERE id = ?"
 */
export function formatQueryName(sql: string): string {
  const normalised = sql
    .replace(STRING_LITERAL, "?")
    .replace(NUMBER_LITERAL, "?")
    .replace(WHITESPACE, " ")
    .trim()
    .replace(/;$/, "");
  if (normalised.length <= MAX_QUERY_NAME_LENGTH) return normalised;
  return `${normalised.slice(0, MAX_QUERY_NAME_LENGTH).trimEnd()}…`;
}
