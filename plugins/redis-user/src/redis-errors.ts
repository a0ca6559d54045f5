/**
 * The connection could not be made or was lost. Reported as the failure of the command that needed it; the message
 * names the server (without credentials), because Bun's own text ("Connection closed") does not.
 */
export class RedisConnectionError extends Error {
  override readonly name = "RedisConnectionError";
}

/** A command got no reply within the user's `timeout`; the connection is then dropped and made again on next use. */
export class RedisTimeoutError extends Error {
  override readonly name = "RedisTimeoutError";
}

/** True for Bun RedisClient errors that mean "no usable connection" (refused, reset, closed, connect timeout). */
export function isConnectionFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("ERR_REDIS_CONNECTION") || code === "ERR_REDIS_AUTHENTICATION_FAILED");
}

/**
 * A short label for a failure, for the plugin's summary: `"connection"`, `"timeout"`, the server's error prefix
 * (`"WRONGTYPE"`, `"ERR"`, `"NOSCRIPT"` …) or the error's name.
 */
export function classifyRedisError(error: unknown): string {
  if (error instanceof RedisConnectionError) return "connection";
  if (error instanceof RedisTimeoutError) return "timeout";
  if (error instanceof Error) {
    // A Redis error reply starts with an upper-case code word, e.g. "WRONGTYPE Operation against a key …".
    const prefix = /^[A-Z][A-Z_]+(?= )/.exec(error.message)?.[0];
    return prefix ?? error.name;
  }
  return String(error);
}
