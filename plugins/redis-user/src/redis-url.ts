/** The URL schemes Bun's RedisClient accepts. */
const REDIS_URL = /^(redis|rediss|valkey|valkeys)(\+tls)?(\+unix)?:\/\//i;

/** True when `value` is a URL Bun's RedisClient can connect to (`redis://`, `rediss://`, `valkey://`, …). */
export function isRedisUrl(value: string | undefined): value is string {
  return value !== undefined && REDIS_URL.test(value);
}

/**
 * The URL without its user name and password, for messages and the web route: a failure text ends up in CSVs and
 * reports, which must never carry credentials.
 */
export function formatRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href.replace(/\/$/, "");
  } catch {
    // Not parseable as a WHATWG URL (Bun still decides whether it can connect): drop anything before an "@".
    return url.replace(/\/\/[^@/]*@/, "//");
  }
}
