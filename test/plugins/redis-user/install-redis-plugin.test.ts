import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { Environment, Events, events } from "locust-bun";
import { RedisTimeoutError, installRedisPlugin } from "../../../plugins/redis-user/src/index.ts";
import { configureLogging } from "../../../src/core/log.ts";
import { createArgumentTable, defaultOptions, formatHelp, resolveOptions } from "../../../src/core/options/index.ts";
import { createWebUi } from "../../../src/ui/web-app.ts";

const wrongType = Object.assign(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"), {
  code: "ERR_REDIS_SERVER_ERROR",
});
const sample = (requestType: string, exception: unknown = null) => ({
  requestType,
  name: "GET",
  responseTime: 1,
  responseLength: 0,
  exception,
});

/** An environment with its own Events, the plugin installed on them, and the web UI built in-process. */
function createSetup(parsedOptions: Record<string, unknown> = {}) {
  const events = new Events();
  const uninstall = installRedisPlugin(events);
  const environment = new Environment({ events, parsedOptions });
  const app = createWebUi(environment, defaultOptions());
  events.init.fire({ environment, runner: undefined, webUi: environment.webUi });
  const readRoute = async () => (await app.fetch(new Request("http://127.0.0.1/redis")))!.json();
  return { events, environment, uninstall, readRoute };
}

// Importing the package installed it on locust-bun's global \`events\`; these tests use Events of their own.
afterAll(() => installRedisPlugin(events)());
afterEach(() => configureLogging({ write: (line) => process.stderr.write(line) }));

describe("installRedisPlugin", () => {
  test("adds --redis-key-prefix: listed in --help, parsed from argv or LOCUST_REDIS_KEY_PREFIX into the options", () => {
    const events = new Events();
    installRedisPlugin(events);
    const table = createArgumentTable();
    events.initCommandLineParser.fire({ parser: table });
    expect(formatHelp(table)).toContain("--redis-key-prefix");
    const fromArgv = resolveOptions({ argv: ["--redis-key-prefix", "lt:"], env: {}, table }).options.extra;
    const fromEnv = resolveOptions({ argv: [], env: { LOCUST_REDIS_KEY_PREFIX: "env:" }, table }).options.extra;
    const unset = resolveOptions({ argv: [], env: {}, table }).options.extra;
    expect([fromArgv.redisKeyPrefix, fromEnv.redisKeyPrefix, unset.redisKeyPrefix]).toEqual(["lt:", "env:", ""]);
  });

  test("GET /redis counts REDIS samples only, failures by kind, and shows the key prefix", async () => {
    const { events, readRoute } = createSetup({ redisKeyPrefix: "lt:" });
    for (const event of [sample("REDIS"), sample("REDIS"), sample("REDIS", wrongType), sample("GET", new Error("500"))]) {
      events.request.fire(event);
    }
    events.request.fire(sample("REDIS", new RedisTimeoutError("GET got no reply")));
    expect(await readRoute()).toEqual({
      commands: 4,
      failures: 2,
      failuresByKind: { WRONGTYPE: 1, timeout: 1 },
      keyPrefix: "lt:",
    });
  });

  test("a new test and a stats reset start the count from zero", async () => {
    const { events, environment, readRoute } = createSetup();
    events.request.fire(sample("REDIS"));
    events.testStart.fire({ environment });
    events.request.fire(sample("REDIS", wrongType));
    expect(await readRoute()).toMatchObject({ commands: 1, failures: 1 });
    events.resetStats.fire({});
    expect(await readRoute()).toEqual({ commands: 0, failures: 0, failuresByKind: {}, keyPrefix: "" });
  });

  test("logs one summary line when the test stops, and nothing when no Redis command ran", () => {
    const lines: string[] = [];
    configureLogging({ write: (line) => void lines.push(line) });
    const { events, environment } = createSetup();
    events.testStop.fire({ environment });
    expect(lines).toEqual([]);
    events.request.fire(sample("REDIS"));
    events.request.fire(sample("REDIS", wrongType));
    events.testStop.fire({ environment });
    expect(lines.map((line) => line.replace(/^.*\/INFO\//, "").trimEnd())).toEqual([
      "locust-bun-redis: Redis: 2 commands, 1 failed (WRONGTYPE 1)",
    ]);
  });

  test("installing twice on the same events is a no-op, and uninstalling removes every listener", () => {
    const events = new Events();
    const hooks = [events.request, events.init, events.initCommandLineParser, events.testStart, events.testStop, events.resetStats];
    const counts = () => hooks.map((hook) => hook.listenerCount);
    const before = counts();
    const uninstall = installRedisPlugin(events);
    expect(installRedisPlugin(events)).toBe(uninstall);
    expect(counts()).toEqual(before.map((n) => n + 1));
    uninstall();
    expect(counts()).toEqual(before);
  });

  test("a second copy of the plugin on the same parser does not define the option twice", () => {
    const table = createArgumentTable();
    const first = new Events();
    const second = new Events();
    installRedisPlugin(first);
    installRedisPlugin(second);
    first.initCommandLineParser.fire({ parser: table });
    expect(() => second.initCommandLineParser.fire({ parser: table })).not.toThrow();
    expect(table.customFlags.map((flag) => flag.long)).toEqual(["--redis-key-prefix"]);
  });
});
