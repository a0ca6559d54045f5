import { createLogger, type Environment, type Events, type RequestEvent } from "locust-bun";
import { KEY_PREFIX_OPTION, addKeyPrefixOption, type OptionParser } from "./key-prefix-option.ts";
import { RedisTally } from "./redis-tally.ts";
import { REDIS_REQUEST_TYPE } from "./timed-redis-client.ts";

const log = createLogger("locust-bun-redis");
const installs = new WeakMap<Events, () => void>();

/** The path of the plugin's web route, under the UI's `--web-base-path`. */
export const REDIS_ROUTE = "/redis";

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
  target.initCommandLineParser.addListener(onParser);
  target.request.addListener(onRequest);
  target.testStart.addListener(onReset);
  target.resetStats.addListener(onReset);
  target.testStop.addListener(onTestStop);
  target.init.addListener(onInit);
  const uninstall = () => {
    target.initCommandLineParser.removeListener(onParser);
    target.request.removeListener(onRequest);
    target.testStart.removeListener(onReset);
    target.resetStats.removeListener(onReset);
    target.testStop.removeListener(onTestStop);
    target.init.removeListener(onInit);
    installs.delete(target);
  };
  installs.set(target, uninstall);
  return uninstall;
}
