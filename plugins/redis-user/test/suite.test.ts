/**
 * The plugin's tests live in the repository's main suite, test/plugins/redis-user/, so the root `bun test` runs
 * them; this file imports those same cases so `bun test` inside this folder runs them too. One source of truth:
 * edit the tests there. (A plugin published on its own would keep its tests here and need no such file.)
 */
import "../../../test/plugins/redis-user/timed-redis-client.test.ts";
import "../../../test/plugins/redis-user/redis-user.test.ts";
import "../../../test/plugins/redis-user/install-redis-plugin.test.ts";
import "../../../test/plugins/redis-user/reply-bytes.test.ts";
import "../../../test/plugins/redis-user/redis-url.test.ts";
import "../../../test/plugins/redis-user/redis-errors.test.ts";
import "../../../test/plugins/redis-user/race-deadline.test.ts";
import "../../../test/plugins/redis-user/cli.test.ts";
