import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { MongoDBUser } from "../../../src/protocols/mongodb/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { startMongoWireServer, type MongoWireServer } from "../../support/mongo-wire-server.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";
import { waitFor } from "../../support/wait-for.ts";

const OPERATION_COMMANDS = new Set(["insert", "find", "update", "delete", "aggregate", "getMore"]);

/** A MongoDBUser on `server` with a fresh environment recording stats and request events. */
function createUser(server: MongoWireServer, statics: Partial<typeof MongoDBUser> = {}) {
  const { env: environment, events } = createRecordingEnvironment({ host: `${server.uri}/shop` });
  const Shopper = defineUserClass(MongoDBUser, { clientOptions: { serverSelectionTimeoutMS: 300 }, ...statics });
  return { user: new Shopper(environment), environment, events };
}

const operationsSeen = (server: MongoWireServer) =>
  server.commands.filter((c) => OPERATION_COMMANDS.has(c.command)).map((c) => `${c.command} ${c.body[c.command]}`);

describe("MongoDBClient", () => {
  test("times every operation as MONGODB '<op> <collection>' with documents returned or affected as length", async () => {
    await using server = await startMongoWireServer();
    const { user, environment } = createUser(server);
    await user.beforeStart();
    const people = [{ name: "ann", age: 20 }, { name: "bob", age: 40 }, { name: "cy", age: 50 }];
    await user.client.insertMany("people", people);
    await user.client.insertOne("people", { name: "dee", age: 60 });
    const older = await user.client.find("people", { age: { $gt: 30 } }, { projection: { _id: 0 }, sort: { age: 1 } });
    const ann = await user.client.findOne("people", { name: "ann" });
    await user.client.updateMany("people", { age: { $gte: 50 } }, { $inc: { age: 1 } });
    await user.client.updateOne("people", { name: "zed" }, { $set: { age: 1 } }, { upsert: true });
    const groups = await user.client.aggregate("people", [{ $group: { _id: null, total: { $sum: "$age" } } }]);
    const count = await user.client.countDocuments("people", { age: { $gt: 0 } });
    await user.client.deleteOne("people", { name: "zed" });
    await user.client.deleteMany("people", {});
    await user.dispose();

    expect(older as unknown[]).toEqual([{ name: "bob", age: 40 }, { name: "cy", age: 50 }, { name: "dee", age: 60 }]);
    expect(ann?.name).toBe("ann");
    expect(groups).toEqual([{ _id: null, total: 20 + 40 + 51 + 61 + 1 }]);
    expect(count).toBe(5);
    const rows = environment.stats.sortedEntries().map((e) => [e.method, e.name, e.numRequests, e.totalContentLength]);
    expect(rows).toEqual([
      ["MONGODB", "aggregate people", 1, 1],
      ["MONGODB", "connect", 1, 0],
      ["MONGODB", "countDocuments people", 1, 5],
      ["MONGODB", "deleteMany people", 1, 4],
      ["MONGODB", "deleteOne people", 1, 1],
      ["MONGODB", "find people", 1, 3],
      ["MONGODB", "findOne people", 1, 1],
      ["MONGODB", "insertMany people", 1, 3],
      ["MONGODB", "insertOne people", 1, 1],
      ["MONGODB", "updateMany people", 1, 2],
      ["MONGODB", "updateOne people", 1, 1],
    ]);
    expect(environment.stats.total.numFailures).toBe(0);
    expect(operationsSeen(server)).toEqual([
      "insert people", "insert people", "find people", "find people", "update people", "update people",
      "aggregate people", "aggregate people", "delete people", "delete people",
    ]);
    expect(server.commands.find((c) => c.command === "find")?.db).toBe("shop");
  });

  test("find is timed until every batch has arrived, not just until the cursor exists", async () => {
    await using server = await startMongoWireServer();
    const { user, events } = createUser(server);
    await user.beforeStart();
    await user.client.insertMany("items", Array.from({ length: 25 }, (_, n) => ({ n })));
    const items = await user.client.find("items", {}, { batchSize: 10 });
    await user.dispose();
    expect(items?.length).toBe(25);
    expect(server.commands.filter((c) => c.command === "getMore").length).toBe(2);
    expect(events.at(-1)).toMatchObject({ name: "find items", responseLength: 25, exception: null });
  });

  test("execute times any driver work under the given name, with the length its counter gives", async () => {
    await using server = await startMongoWireServer();
    const { user, events } = createUser(server);
    await user.beforeStart();
    const written = await user.client.execute(
      "bulk people",
      (db) => db.collection("people").bulkWrite([{ insertOne: { document: { n: 1 } } }, { insertOne: { document: { n: 2 } } }]),
      (result) => result.insertedCount,
    );
    await user.dispose();
    expect(written?.insertedCount).toBe(2);
    expect(events.at(-1)).toMatchObject({ requestType: "MONGODB", name: "bulk people", responseLength: 2, exception: null });
  });

  test("a server error is a counted failure with the server's message, and the user carries on", async () => {
    await using server = await startMongoWireServer();
    const { user, environment } = createUser(server);
    await user.beforeStart();
    server.failNext("find", { code: 2, codeName: "BadValue", errmsg: "bad filter" });
    const failed = await user.client.find("people", {});
    const next = await user.client.find("people", {});
    await user.dispose();
    expect([failed, next]).toEqual([undefined, []]);
    expect(environment.stats.find("find people", "MONGODB")).toMatchObject({ numRequests: 2, numFailures: 1 });
    expect([...environment.stats.errors].map((e) => e.error)).toEqual(["MongoServerError('bad filter')"]);
  });

  test("a duplicate key is a counted failure", async () => {
    await using server = await startMongoWireServer();
    const { user, events } = createUser(server);
    await user.beforeStart();
    await user.client.db.collection("people").createIndex({ name: 1 }, { unique: true });
    await user.client.insertOne("people", { name: "ann" });
    const duplicate = await user.client.insertOne("people", { name: "ann" }, { requestName: "signup" });
    await user.dispose();
    expect(duplicate).toBeUndefined();
    expect(events.at(-1)?.name).toBe("signup");
    expect(String(events.at(-1)?.exception)).toContain("E11000 duplicate key");
  });

  test("a stopped server is a counted failure within the server selection timeout", async () => {
    await using server = await startMongoWireServer();
    const { user, environment } = createUser(server);
    await user.beforeStart();
    await server.stop();
    const result = await user.client.countDocuments("people");
    await user.dispose();
    expect(result).toBeUndefined();
    expect(environment.stats.find("countDocuments people", "MONGODB")?.numFailures).toBe(1);
    expect([...environment.stats.errors][0]?.error).toStartWith("MongoServerSelectionError(");
  });

  test("an unreachable server makes connect a counted failure instead of ending the user", async () => {
    const server = await startMongoWireServer();
    const { user, environment } = createUser(server);
    await server.stop();
    await user.beforeStart();
    await user.dispose();
    expect(environment.stats.find("connect", "MONGODB")).toMatchObject({ numRequests: 1, numFailures: 1 });
  });

  test("after a failed connect the next operation connects again once the server is up", async () => {
    const down = await startMongoWireServer();
    const port = down.port;
    const { user, environment } = createUser(down);
    await down.stop();
    await user.beforeStart();
    expect(environment.stats.find("connect", "MONGODB")).toMatchObject({ numRequests: 1, numFailures: 1 });
    await using up = await startMongoWireServer({ port });
    await user.client.insertOne("people", { name: "ann" });
    await user.dispose();
    expect(environment.stats.find("connect", "MONGODB")).toMatchObject({ numRequests: 2, numFailures: 1 });
    expect(environment.stats.find("insertOne people", "MONGODB")).toMatchObject({ numRequests: 1, numFailures: 0 });
    expect(operationsSeen(up)).toEqual(["insert people"]);
  });

  test("wrong credentials are a counted connect failure", async () => {
    await using server = await startMongoWireServer({ users: { app: "secret" } });
    const environment = new Environment({ host: `mongodb://app:wrong@127.0.0.1:${server.port}/shop` });
    environment.attachStats();
    class Shopper extends MongoDBUser {}
    const user = new Shopper(environment);
    await user.beforeStart();
    await user.dispose();
    expect(environment.stats.find("connect", "MONGODB")?.numFailures).toBe(1);
    expect([...environment.stats.errors][0]?.error).toContain("Authentication failed");
  });

  test("a force-stop aborts an operation the server never answers, without reporting it", async () => {
    await using server = await startMongoWireServer();
    const { user, events } = createUser(server);
    await user.beforeStart();
    const signal = user.signal;
    server.failNext("find", { hang: true });
    const waiting = user.client.find("people").catch((reason: unknown) => reason);
    await waitFor(() => server.commands.some((c) => c.command === "find"));
    user.requestStop(true);
    expect(await waiting).toBe(signal.reason);
    user.renewSignalForStop();
    await user.dispose();
    expect(events.map((e) => e.name)).toEqual(["connect"]);
  });
});
