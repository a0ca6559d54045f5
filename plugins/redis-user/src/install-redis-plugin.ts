import { createLogger, type Environment, type EventHook, type Events, type RequestEvent } from "locust-bun";
import { KEY_PREFIX_OPTION, addKeyPrefixOption, type OptionParser } from "./key-prefix-option.ts";
import { RedisTally } from "./redis-tally.ts";
import { REDIS_REQUEST_TYPE } from "./timed-redis-client.ts";

const log = createLogger("locust-bun-redis");
const installs = new WeakMap<Events, () => void>();

/** The path of the plugin's web route, under the UI's `--web-base-path`. */
export const REDIS_ROUTE = "/redis";

/** Adds `listener` to `hook`; returns what removes it again. */
function listen<A>(hook: EventHook<A>, listener: (args: A) => void): () => void {
  hook.addListener(listener);
  return () => hook.removeListener(listener);
}

/**
 * Hooks the plugin into `target` (the package does this for locust-bun's global `events` when it is imported):
 * - `initCommandLineParser`: adds `--redis-key-prefix`;
 * - `request`: counts REDIS operations and failures by kind; `testStart` and `resetStats` zero the count;
 * - `testStop`: logs one summary line, e.g. `Redis: 1520 commands, 3 failed (WRONGTYPE 2, connection 1)`;
 * - `init`: when a web UI runs, adds `GET /redis` answering `{commands, failures, failuresByKind, keyPrefix}`.
 *
 * Installing twice on the same Events is a no-op. Returns a function that removes every listener again.
 * @example installRedisPlugin(environment.events); // an Environment with its own Events, e.g. in a test
 */
export function installRedisPlugin(target: Events): () => void {
  const existing = installs.get(target);
  if (existing) return existing;
  const tally = new RedisTally();
  const onParser = ({ parser }: { parser: OptionParser }) => addKeyPrefixOption(parser);
  const onRequest = (event: RequestEvent) => {
    if (event.requestType === REDIS_REQUEST_TYPE) tally.record(event.exception);
  };
  const onReset = () => tally.reset();
  const onTestStop = () => {
    if (tally.commands > 0) log.info(tally.formatSummary());
  };
  const onInit = ({ environment }: { environment: Environment }) => {
    environment.webUi?.addRoute(REDIS_ROUTE, {
      GET: () => Response.json({ ...tally.snapshot(), keyPrefix: environment.parsedOptions[KEY_PREFIX_OPTION] ?? "" }),
    });
  };
  const removals = [
    listen(target.initCommandLineParser, onParser),
    listen(target.request, onRequest),
    listen(target.testStart, onReset),
    listen(target.resetStats, onReset),
    listen(target.testStop, onTestStop),
    listen(target.init, onInit),
  ];
  const uninstall = () => {
    for (const remove of removals) remove();
    installs.delete(target);
  };
  installs.set(target, uninstall);
  return uninstall;
}
