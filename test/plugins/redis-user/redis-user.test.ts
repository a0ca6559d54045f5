import { afterAll, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { Environment, LocustError, constant, events, task } from "locust-bun";
import { RedisUser, installRedisPlugin } from "../../../plugins/redis-user/src/index.ts";
import { deleteKeys, findRedisServer, uniqueKeyPrefix } from "../../support/redis-server.ts";
import { waitFor } from "../../support/wait-for.ts";

const server = await findRedisServer();
const prefix = uniqueKeyPrefix();

// Importing the package installed it on locust-bun's global \`events\`; these tests use Events of their own.
afterAll(() => installRedisPlugin(events)());
afterAll(async () => {
  if (server) await deleteKeys(server.url, prefix);
  await server?.stop();
});

class Cache extends RedisUser {
  static override url = "redis://cache.internal:6379/1";
  static override keyPrefix = "static:";
  static override timeout = 250;
}

describe("RedisUser settings", () => {
  test("uses --host when it is a Redis URL, else static url", () => {
    const fromHost = new Cache(new Environment({ host: "rediss://redis.example.net:6380" }));
    const httpHost = new Cache(new Environment({ host: "http://127.0.0.1:8080" }));
    const noHost = new Cache(new Environment());
    expect(fromHost.client.settings).toEqual({
      url: "rediss://redis.example.net:6380",
      timeout: 250,
      keyPrefix: "static:",
      clientOptions: {},
    });
    expect([httpHost.client.settings.url, noHost.client.settings.url]).toEqual([Cache.url, Cache.url]);
  });

  test("--redis-key-prefix (parsedOptions.redisKeyPrefix) overrides static keyPrefix; an empty one does not", () => {
    const fromCli = new Cache(new Environment({ parsedOptions: { redisKeyPrefix: "cli:" } }));
    const emptyCli = new Cache(new Environment({ parsedOptions: { redisKeyPrefix: "" } }));
    expect([fromCli.client.key("k"), emptyCli.client.key("k")]).toEqual(["cli:k", "static:k"]);
  });

  test("without any URL onStart throws a LocustError with a hint", async () => {
    class Unconfigured extends RedisUser {}
    const error = await Promise.resolve(new Unconfigured(new Environment()).beforeStart()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocustError);
    expect(error).toMatchObject({ code: "REDIS_NO_URL", message: "RedisUser has no server URL" });
    expect((error as LocustError).hint).toContain("--host redis://");
  });

  test("only RedisUser itself is abstract: a subclass is runnable", () => {
    expect([Object.hasOwn(RedisUser, "abstract"), Object.hasOwn(Cache, "abstract")]).toEqual([true, false]);
  });
});

describe.skipIf(!server)("RedisUser in a running test", () => {
  test("every INCR the statistics counted reached Redis, and stopped users leave no connection open", async () => {
    const clientName = `${prefix}counter`;
    class Counter extends RedisUser {
      waitTime = constant(0.001);
      override async onStart() {
        await this.client.command("CLIENT", ["SETNAME", clientName]); // so the test can find its connections
      }
      @task async count() {
        await this.client.incr("counter");
      }
    }
    // A stop timeout lets each user finish its command: an aborted one may reach Redis but is (rightly) not counted.
    const environment = new Environment({
      userClasses: [Counter],
      host: server!.url,
      stopTimeout: 5,
      parsedOptions: { redisKeyPrefix: prefix },
    });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    const inspector = new RedisClient(server!.url, { autoReconnect: false });
    void runner.start(3, 3);
    const counted = () => environment.stats.get("INCR", "REDIS").numRequests;
    await waitFor(async () => counted() >= 30 && (await countClients(inspector, clientName)) === 3);
    await runner.quit();

    const entry = environment.stats.find("INCR", "REDIS")!;
    expect(entry.numFailures).toBe(0);
    expect(Number(await inspector.get(`${prefix}counter`))).toBe(entry.numRequests);
    expect(environment.stats.find("connect", "REDIS")?.numRequests).toBe(3);
    await waitFor(async () => (await countClients(inspector, clientName)) === 0);
    inspector.close();
  });
});

/** Connections the server has open under `name` (CLIENT SETNAME). */
async function countClients(inspector: RedisClient, name: string): Promise<number> {
  const list = String(await inspector.send("CLIENT", ["LIST", "TYPE", "normal"]));
  return list.split("\n").filter((line) => line.includes(` name=${name} `)).length;
}
