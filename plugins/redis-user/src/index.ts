/**
 * @module locust-bun-redis — RedisUser: load-test Redis with Bun's built-in client. Written against locust-bun's
 * public API only, as an example of an out-of-tree protocol plugin.
 */
import { events } from "locust-bun";
import { installRedisPlugin } from "./install-redis-plugin.ts";

export { RedisUser } from "./redis-user.ts";
export {
  REDIS_REQUEST_TYPE,
  TimedRedisClient,
  type RedisClientOwner,
  type RedisRequestOptions,
  type RedisValue,
  type TimedRedisClientSettings,
} from "./timed-redis-client.ts";
export { RedisConnectionError, RedisTimeoutError, classifyRedisError } from "./redis-errors.ts";
export { countReplyBytes } from "./reply-bytes.ts";
export { KEY_PREFIX_FLAG, KEY_PREFIX_OPTION } from "./key-prefix-option.ts";
export { REDIS_ROUTE, installRedisPlugin } from "./install-redis-plugin.ts";
export { RedisTally, type RedisTallySnapshot } from "./redis-tally.ts";

// Importing the package — from a locustfile or with `--plugin locust-bun-redis` — is what installs it, as with
// Locust plugins: the CLI fires its events on this global object, after plugins and locustfiles are imported.
installRedisPlugin(events);
