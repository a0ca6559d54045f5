import { afterAll, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { events } from "locust-bun";
import { RedisConnectionError, RedisTimeoutError, RedisUser, classifyRedisError, installRedisPlugin } from "../../../plugins/redis-user/src/index.ts";
import { freePort } from "../../support/free-port.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";
import { deleteKeys, findRedisServer, uniqueKeyPrefix } from "../../support/redis-server.ts";
import { waitFor } from "../../support/wait-for.ts";
import { startCuttableProxy } from "./cuttable-proxy.ts";

const server = await findRedisServer();
const prefix = uniqueKeyPrefix();
const inspector = server && new RedisClient(server.url, { autoReconnect: false });

// Importing the package installed it on locust-bun's global \`events\`; these tests use Events of their own.
afterAll(() => installRedisPlugin(events)());
afterAll(async () => {
  if (server) await deleteKeys(server.url, prefix);
  inspector?.close();
  await server?.stop();
});

class Probe extends RedisUser {}

/** A user of its own environment (stats attached) and every request event it fired. */
function createProbe(host = server!.url) {
  const { env: environment, events: fired } = createRecordingEnvironment({ host, parsedOptions: { redisKeyPrefix: prefix } });
  const user = new Probe(environment);
  const samples = () => fired.map((e) => [e.requestType, e.name, e.responseLength, e.exception ?? null]);
  return { environment, user, client: user.client, fired, samples };
}

describe.skipIf(!server)("TimedRedisClient against a real Redis", () => {
  test("each operation is one REDIS sample named after its command, sized by the reply's bytes, and Redis holds the writes", async () => {
    const { user, client, samples } = createProbe();
    await user.beforeStart();
    expect(await client.set("greeting", "héllo")).toBe("OK");
    expect(await client.get("greeting")).toBe("héllo");
    expect([await client.incr("hits"), await client.incr("hits")]).toEqual([1, 2]);
    expect(await client.hset("profile", { name: "ann", visits: 3 })).toBe(2);
    expect(await client.hget("profile", "name")).toBe("ann");
    expect(await client.lpush("queue", ["a", "bb"])).toBe(2);
    expect(await client.rpop("queue")).toBe("a");
    expect(await client.del(["greeting", "hits"])).toBe(2);
    user.dispose();

    expect(samples()).toEqual([
      ["REDIS", "connect", 0, null],
      ["REDIS", "SET", 2, null],
      ["REDIS", "GET", 6, null],
      ["REDIS", "INCR", 0, null],
      ["REDIS", "INCR", 0, null],
      ["REDIS", "HSET", 0, null],
      ["REDIS", "HGET", 3, null],
      ["REDIS", "LPUSH", 0, null],
      ["REDIS", "RPOP", 1, null],
      ["REDIS", "DEL", 0, null],
    ]);
    expect(await inspector!.hgetall(`${prefix}profile`)).toEqual({ name: "ann", visits: "3" });
    expect(await inspector!.lrange(`${prefix}queue`, 0, -1)).toEqual(["bb"]);
    expect(await inspector!.exists(`${prefix}greeting`)).toBe(false);
  });

  test("a name option puts many keys in one stats row, counted once per command Redis received", async () => {
    const { environment, user, client } = createProbe();
    await user.beforeStart();
    for (let i = 0; i < 5; i++) await client.set(`user:${i}`, i, { name: "SET user:*" });
    user.dispose();
    const [, written] = (await inspector!.send("SCAN", ["0", "MATCH", `${prefix}user:*`, "COUNT", "1000"])) as [string, string[]];
    const entry = environment.stats.find("SET user:*", "REDIS")!;
    expect({ requests: entry.numRequests, failures: entry.numFailures }).toEqual({ requests: written.length, failures: 0 });
    expect(written.length).toBe(5);
  });

  test("a WRONGTYPE reply is a counted failure, the call resolves to undefined, and the next command still works", async () => {
    const { environment, user, client, fired } = createProbe();
    await user.beforeStart();
    await client.lpush("a-list", "x");
    await client.set("a-string", "ok");
    expect(await client.get("a-list")).toBeUndefined();
    expect(await client.get("a-string")).toBe("ok");
    user.dispose();
    const failure = fired.find((e) => e.exception)!;
    expect(failure.name).toBe("GET");
    expect(String((failure.exception as Error).message)).toStartWith("WRONGTYPE ");
    const entry = environment.stats.find("GET", "REDIS")!;
    expect({ requests: entry.numRequests, failures: entry.numFailures }).toEqual({ requests: 2, failures: 1 });
  });

  test("command() sends any command, named in upper case, with arguments as given", async () => {
    const { user, client, samples } = createProbe();
    await user.beforeStart();
    expect(await client.command("echo", ["héllo"])).toBe("héllo");
    expect(await client.command("ZADD", [client.key("board"), 10, "ann"])).toBe(1);
    user.dispose();
    expect(samples().slice(1)).toEqual([
      ["REDIS", "ECHO", 6, null],
      ["REDIS", "ZADD", 0, null],
    ]);
    expect(await inspector!.send("ZSCORE", [`${prefix}board`, "ann"])).toBe(10);
  });

  test("a command past its timeout is a counted RedisTimeoutError and the next command runs on a fresh connection", async () => {
    const { user, client, fired } = createProbe();
    await user.beforeStart();
    const before = await client.command<number>("CLIENT", ["ID"]);
    expect(await client.command("BLPOP", [client.key("never-filled"), "0"], { timeout: 50 })).toBeUndefined();
    const after = await client.command<number>("CLIENT", ["ID"]);
    user.dispose();
    const timeout = fired.find((e) => e.name === "BLPOP")!.exception;
    expect(timeout).toBeInstanceOf(RedisTimeoutError);
    expect((timeout as Error).message).toBe(`BLPOP got no reply from ${server!.url} within 50 ms`);
    expect(after).not.toBe(before);
    // The abandoned connection is gone on the server side too.
    await waitFor(async () => (await inspector!.send("CLIENT", ["LIST", "ID", String(before)])) === "");
  });

  test("a force-stop abandons an in-flight command without reporting it, and later calls fail at once", async () => {
    const { user, client, fired } = createProbe();
    await user.beforeStart();
    const id = await client.command<number>("CLIENT", ["ID"]);
    const pending = client.command("BLPOP", [client.key("never-filled"), "0"], { timeout: 0 });
    await waitFor(async () => String(await inspector!.send("CLIENT", ["LIST", "ID", String(id)])).includes("cmd=blpop"));
    const reported = fired.length;
    user.requestStop(true);
    expect(await pending.then(() => "resolved", (reason: unknown) => (reason as Error).name)).toBe("ForcedStop");
    expect(await client.get("x").then(() => "resolved", (reason: unknown) => (reason as Error).name)).toBe("ForcedStop");
    expect(fired.length).toBe(reported);
    user.renewSignalForStop();
    user.dispose();
    await waitFor(async () => (await inspector!.send("CLIENT", ["LIST", "ID", String(id)])) === "");
  });

  test("a server that goes away mid-command is a counted connection failure, and the client reconnects once it is back", async () => {
    using proxy = startCuttableProxy(server!.port);
    const url = `redis://127.0.0.1:${proxy.port}`;
    const { user, client, fired } = createProbe(url);
    await user.beforeStart();
    await client.set("survivor", "still here");
    const pending = client.command("BLPOP", [client.key("never-filled"), "0"], { timeout: 0 });
    await waitFor(async () => proxy.sent.includes("BLPOP"));
    proxy.cut();
    expect(await pending).toBeUndefined();
    expect(await client.get("survivor")).toBeUndefined();
    proxy.restore();
    expect(await client.get("survivor")).toBe("still here");
    user.dispose();
    expect(fired.map((e) => [e.name, e.exception ? (e.exception as Error).message : null])).toEqual([
      ["connect", null],
      ["SET", null],
      ["BLPOP", `connection to ${url} lost: Connection closed`],
      ["GET", `cannot connect to ${url}: Connection closed`],
      ["GET", null],
    ]);
  });
});

describe("TimedRedisClient without a server", () => {
  test("a closed port is a counted failure naming the address, for the connect and for every later command", async () => {
    const url = `redis://127.0.0.1:${freePort()}`;
    const { user, client, fired } = createProbe(url);
    await user.beforeStart();
    expect(await client.get("x")).toBeUndefined();
    expect(await client.incr("x")).toBeUndefined();
    expect(fired.map((e) => [e.name, e.exception instanceof RedisConnectionError])).toEqual([
      ["connect", true],
      ["GET", true],
      ["INCR", true],
    ]);
    expect((fired[0]!.exception as Error).message).toBe(`cannot connect to ${url}: Connection closed`);
  });

  test("a server that accepts but never answers is a counted RedisTimeoutError once connectionTimeout passes", async () => {
    await using silent = startRawTcpServer(() => {});
    const url = `redis://127.0.0.1:${silent.port}`;
    const { client, fired } = createProbe(url);
    client.settings.clientOptions = { connectionTimeout: 100 };
    expect(await client.get("x")).toBeUndefined();
    expect(fired.map((e) => [e.name, e.exception instanceof RedisTimeoutError])).toEqual([["GET", true]]);
    expect((fired[0]!.exception as Error).message).toBe(`cannot connect to ${url} within 100 ms (connectionTimeout)`);
    expect(classifyRedisError(fired[0]!.exception)).toBe("timeout");
  });

  test("a URL Bun cannot use is a counted connect failure that quotes Bun's reason", async () => {
    const { user, client, fired } = createProbe("redis://[not-a-host");
    await user.beforeStart();
    expect(await client.get("x")).toBeUndefined();
    expect(fired.map((e) => [e.name, (e.exception as Error).message])).toEqual([
      ["connect", "cannot connect to redis://[not-a-host: Invalid URL format"],
      ["GET", "cannot connect to redis://[not-a-host: Invalid URL format"],
    ]);
  });

  test("credentials in the URL never appear in a failure message", async () => {
    const { user, fired } = createProbe(`redis://loader:s3cret@127.0.0.1:${freePort()}/2`);
    await user.beforeStart();
    expect(String((fired[0]!.exception as Error).message)).not.toContain("s3cret");
    expect(String((fired[0]!.exception as Error).message)).toContain("redis://127.0.0.1:");
  });
});
