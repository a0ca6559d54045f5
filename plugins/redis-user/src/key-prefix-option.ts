/** The command-line option this plugin adds (also `LOCUST_REDIS_KEY_PREFIX` and `redis-key-prefix` in locust.conf). */
export const KEY_PREFIX_FLAG = "--redis-key-prefix";

/** Where its value lands in `environment.parsedOptions` (the camelCase key of the flag). */
export const KEY_PREFIX_OPTION = "redisKeyPrefix";

/**
 * The part of locust-bun's argument table this plugin uses. locust-bun types the `initCommandLineParser` argument
 * as `any` and does not export its `ArgumentTable` type, so the plugin states what it relies on.
 */
export interface OptionParser {
  addArgument(names: string | readonly string[], spec: { help?: string; default?: string; type?: "string" }): unknown;
  findFlag(name: string): unknown;
}

/** Adds `--redis-key-prefix` unless it is there already (a second copy of this plugin may have added it). */
export function addKeyPrefixOption(parser: OptionParser): void {
  if (parser.findFlag(KEY_PREFIX_FLAG)) return;
  parser.addArgument(KEY_PREFIX_FLAG, {
    type: "string",
    default: "",
    help: "Put this in front of every key a RedisUser's client sends (e.g. 'loadtest:'), to keep test data apart.",
  });
}
