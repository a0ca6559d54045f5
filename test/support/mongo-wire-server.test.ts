import { describe, expect, test } from "bun:test";
import { deserialize, serialize, type Document } from "bson";
import { MongoBulkWriteError, MongoClient, MongoNetworkError, MongoServerError, type MongoClientOptions } from "mongodb";
import { startMongoWireServer, type MongoWireServer } from "./mongo-wire-server.ts";
import { waitFor } from "./wait-for.ts";

async function connect(server: MongoWireServer, options: MongoClientOptions = {}, uri = server.uri): Promise<MongoClient> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, ...options });
  await client.connect();
  return client;
}

interface Person {
  _id: number;
  name: string;
  age?: number;
  city?: string;
  tags?: string[];
}

const people: Person[] = [
  { _id: 1, name: "ada", age: 36, city: "london" },
  { _id: 2, name: "bob", age: 25, city: "paris" },
  { _id: 3, name: "cy", age: 41, city: "london" },
  { _id: 4, name: "di", age: 19, city: "rome" },
  { _id: 5, name: "ed", age: 30, city: "paris" },
];

describe("startMongoWireServer with the official driver", () => {
  test("insertMany stores documents that find returns filtered, sorted, limited and projected", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    const inserted = await collection.insertMany(people);
    expect(inserted.insertedCount).toBe(5);
    const found = await collection
      .find({ age: { $gte: 25 } }, { sort: { age: -1 }, limit: 3, projection: { name: 1 } })
      .toArray();
    expect(found).toEqual([
      { _id: 3, name: "cy" },
      { _id: 1, name: "ada" },
      { _id: 5, name: "ed" },
    ]);
    expect(await collection.find({}, { skip: 3, sort: { _id: 1 } }).toArray()).toEqual(people.slice(3));
  });

  test("a batchSize smaller than the result makes the driver fetch the rest with getMore", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    const all = await collection.find({}).batchSize(2).toArray();
    expect(all.map((p) => p._id)).toEqual([1, 2, 3, 4, 5]);
    const getMores = server.commands.filter((c) => c.command === "getMore");
    expect(getMores).toHaveLength(2);
    expect(getMores[0]!.body.collection).toBe("people");
  });

  test("closing a cursor early sends killCursors for its id", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    const cursor = collection.find({}).batchSize(2);
    expect((await cursor.next())?._id).toBe(1);
    await cursor.close();
    const kill = server.commands.find((c) => c.command === "killCursors");
    expect(kill?.body.killCursors).toBe("people");
    expect(kill?.body.cursors).toHaveLength(1);
  });

  test("updateOne, updateMany, replaceOne and upsert report matched, modified and upserted counts", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    const one = await collection.updateOne({ city: "london" }, { $inc: { age: 1 } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await collection.updateMany({ city: "paris" }, { $set: { city: "lyon" }, $push: { tags: "moved" } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    const unchanged = await collection.updateOne({ _id: 4 }, { $set: { city: "rome" } });
    expect([unchanged.matchedCount, unchanged.modifiedCount]).toEqual([1, 0]);
    const replaced = await collection.replaceOne({ _id: 4 }, { name: "dee" });
    expect(replaced.modifiedCount).toBe(1);
    const upserted = await collection.updateOne({ name: "fay" } as Person, { $set: { age: 50 }, $setOnInsert: { city: "oslo" } }, { upsert: true });
    expect([upserted.matchedCount, upserted.upsertedCount]).toEqual([0, 1]);
    expect(await collection.findOne({ _id: 1 })).toEqual({ ...people[0], age: 37 });
    expect(await collection.findOne({ _id: 2 })).toEqual({ ...people[1], city: "lyon", tags: ["moved"] });
    expect(await collection.findOne({ _id: 4 })).toEqual({ _id: 4, name: "dee" });
    expect(upserted.upsertedId).toBeDefined();
    const fay: Document | null = await collection.findOne({ name: "fay" }, { projection: { _id: 0 } });
    expect(fay).toEqual({ name: "fay", age: 50, city: "oslo" });
  });

  test("deleteOne removes the first match and deleteMany every match", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    expect((await collection.deleteOne({ city: "paris" })).deletedCount).toBe(1);
    expect((await collection.deleteMany({ age: { $lt: 40 } })).deletedCount).toBe(3);
    expect(await collection.find({}).toArray()).toEqual([people[2]]);
  });

  test("aggregate runs the pipeline and countDocuments arrives as an aggregate with $group", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    const byCity = await collection
      .aggregate([{ $group: { _id: "$city", total: { $sum: "$age" } } }, { $sort: { total: -1 } }])
      .toArray();
    expect(byCity).toEqual([
      { _id: "london", total: 77 },
      { _id: "paris", total: 55 },
      { _id: "rome", total: 19 },
    ]);
    expect(await collection.countDocuments({ city: "london" })).toBe(2);
    const count = server.commands.filter((c) => c.command === "aggregate").at(-1)!;
    expect(count.body.pipeline.some((stage: Document) => "$group" in stage)).toBe(true);
    expect(await collection.estimatedDocumentCount()).toBe(5);
    expect((await collection.distinct("city")).sort()).toEqual(["london", "paris", "rome"]);
  });

  test("findOneAndUpdate returns the updated document and findOneAndDelete the removed one", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    await collection.insertMany(people);
    const updated = await collection.findOneAndUpdate({ name: "di" }, { $inc: { age: 1 } }, { returnDocument: "after" });
    expect(updated).toEqual({ ...people[3], age: 20 });
    expect(await collection.findOneAndDelete({ _id: 5 })).toEqual(people[4]);
    expect(await collection.countDocuments()).toBe(4);
  });

  test("a unique index turns a duplicate into E11000: a server error for one, write errors for many", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<{ _id?: number; email: string }>("users");
    await collection.createIndex({ email: 1 }, { unique: true });
    expect((await collection.indexes()).map((i) => [i.name, i.unique ?? false])).toEqual([["_id_", false], ["email_1", true]]);
    await collection.insertOne({ _id: 1, email: "a@x" });
    const single = await collection.insertOne({ email: "a@x" }).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(MongoServerError);
    expect((single as MongoServerError).code).toBe(11000);
    expect((single as MongoServerError).message).toContain("E11000 duplicate key error collection: app.users index: email_1");
    const batch = await collection
      .insertMany([{ _id: 1, email: "b@x" }, { _id: 2, email: "c@x" }], { ordered: false })
      .catch((e: unknown) => e);
    expect(batch).toBeInstanceOf(MongoBulkWriteError);
    expect((batch as MongoBulkWriteError).insertedCount).toBe(1);
    expect((batch as MongoBulkWriteError).writeErrors).toMatchObject([{ index: 0, code: 11000 }]);
  });

  test("an unknown command fails with CommandNotFound", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const error = await client.db("app").command({ frobnicate: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(59);
    expect((error as MongoServerError).message).toBe("no such command: 'frobnicate'");
  });

  test("failNext fails only the next command of that name with the given code and message", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    const collection = client.db("app").collection<Person>("people");
    server.failNext("insert", { code: 2, codeName: "BadValue", errmsg: "rejected on purpose" });
    const error = await collection.insertOne({ _id: 1, name: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2, message: "rejected on purpose" });
    expect(await collection.countDocuments()).toBe(0);
    await collection.insertOne({ _id: 1, name: "x" });
    expect(await collection.countDocuments()).toBe(1);
  });

  test("failNext with closeConnection surfaces as a network error", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    server.failNext("insert", { closeConnection: true });
    const error = await client.db("app").collection("c").insertOne({ a: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoNetworkError);
  });

  test("stop closes connections so an in-flight command fails instead of hanging", async () => {
    const server = await startMongoWireServer();
    await using client = await connect(server, { retryReads: false });
    server.failNext("find", { hang: true });
    const pending = client.db("app").collection("c").findOne({}).catch((e: unknown) => e);
    await waitFor(() => server.commands.some((c) => c.command === "find"));
    expect(server.connectionCount).toBeGreaterThan(0);
    await server.stop();
    expect(await pending).toBeInstanceOf(MongoNetworkError);
    expect(server.connectionCount).toBe(0);
  });

  test("commands records each command's name, database and body", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server);
    await client.db("shop").collection("orders").insertMany([{ sku: "a" }, { sku: "b" }]);
    const insert = server.commands.find((c) => c.command === "insert");
    expect(insert?.db).toBe("shop");
    expect(insert?.body.insert).toBe("orders");
    expect(insert?.body.documents.map((d: Document) => d.sku)).toEqual(["a", "b"]);
    expect(server.commands[0]?.command).toMatch(/^(hello|ismaster|isMaster)$/);
  });

  test("the handshake answers without compression even when the driver offers it", async () => {
    await using server = await startMongoWireServer();
    await using client = await connect(server, { compressors: ["zlib"] });
    await client.db("app").collection("c").insertOne({ big: "x".repeat(10_000) });
    expect((await client.db("app").collection("c").findOne({}))?.big).toHaveLength(10_000);
    expect(server.commands[0]?.body.compression).toEqual(["zlib"]);
    const hello = await client.db("admin").command({ hello: 1 });
    expect(hello.compression).toBeUndefined();
    expect(hello.maxWireVersion).toBe(21);
  });

  test("with users, the right password authenticates, a wrong one fails with 18, none gets 13", async () => {
    await using server = await startMongoWireServer({ users: { alice: "s3cret" } });
    const base = `127.0.0.1:${server.port}`;
    await using good = await connect(server, {}, `mongodb://alice:s3cret@${base}`);
    await good.db("app").collection("c").insertOne({ a: 1 });
    expect(await good.db("app").collection("c").countDocuments()).toBe(1);
    await using bad = new MongoClient(`mongodb://alice:wrong@${base}`, { serverSelectionTimeoutMS: 2000 });
    expect(await bad.connect().catch((e: unknown) => e)).toMatchObject({ code: 18 });
    await using anonymous = await connect(server);
    expect(await anonymous.db("app").collection("c").findOne({}).catch((e: unknown) => e)).toMatchObject({ code: 13 });
  });
});

describe("startMongoWireServer on the raw wire", () => {
  function opMsg(requestId: number, body: Document): Uint8Array {
    const bson = serialize(body);
    const out = new Uint8Array(21 + bson.length);
    const view = new DataView(out.buffer);
    view.setInt32(0, out.length, true);
    view.setInt32(4, requestId, true);
    view.setInt32(12, 2013, true);
    out.set(bson, 21);
    return out;
  }

  function opQuery(requestId: number, body: Document): Uint8Array {
    const name = new TextEncoder().encode("admin.$cmd\0");
    const bson = serialize(body);
    const out = new Uint8Array(16 + 4 + name.length + 8 + bson.length);
    const view = new DataView(out.buffer);
    view.setInt32(0, out.length, true);
    view.setInt32(4, requestId, true);
    view.setInt32(12, 2004, true);
    out.set(name, 20);
    view.setInt32(20 + name.length + 4, -1, true);
    out.set(bson, 20 + name.length + 8);
    return out;
  }

  /** Connects, sends the byte chunks one write at a time, collects `expected` replies. */
  async function exchange(port: number, chunks: Uint8Array[], expected: number): Promise<Array<{ opCode: number; responseTo: number; doc: Document }>> {
    let received = new Uint8Array(0);
    const { promise, resolve } = Promise.withResolvers<void>();
    const replies: Array<{ opCode: number; responseTo: number; doc: Document }> = [];
    const socket = await Bun.connect({
      hostname: "127.0.0.1",
      port,
      socket: {
        data(_socket, chunk) {
          received = Buffer.concat([received, chunk]);
          while (received.length >= 4 && received.length >= new DataView(received.buffer, received.byteOffset).getInt32(0, true)) {
            const view = new DataView(received.buffer, received.byteOffset);
            const length = view.getInt32(0, true);
            const opCode = view.getInt32(12, true);
            const docStart = opCode === 1 ? 36 : 21;
            replies.push({ opCode, responseTo: view.getInt32(8, true), doc: deserialize(received.subarray(docStart, length)) });
            received = received.subarray(length);
          }
          if (replies.length >= expected) resolve();
        },
      },
    });
    for (const chunk of chunks) {
      socket.write(chunk);
      socket.flush();
    }
    await promise;
    socket.end();
    return replies;
  }

  test("a message split across many packets is reassembled before it is answered", async () => {
    await using server = await startMongoWireServer();
    const message = opMsg(7, { ping: 1, $db: "admin" });
    const bytes = [...message].map((byte) => Uint8Array.of(byte));
    const [reply] = await exchange(server.port, bytes, 1);
    expect(reply).toEqual({ opCode: 2013, responseTo: 7, doc: { ok: 1 } });
  });

  test("several messages in one packet each get their reply, in order", async () => {
    await using server = await startMongoWireServer();
    const both = Buffer.concat([opMsg(1, { ping: 1, $db: "admin" }), opMsg(2, { buildInfo: 1, $db: "admin" })]);
    const replies = await exchange(server.port, [both], 2);
    expect(replies.map((r) => r.responseTo)).toEqual([1, 2]);
    expect(replies[1]!.doc.version).toBe("7.0.0");
  });

  test("a legacy OP_QUERY isMaster is answered with OP_REPLY", async () => {
    await using server = await startMongoWireServer();
    const [reply] = await exchange(server.port, [opQuery(3, { isMaster: 1 })], 1);
    expect(reply!.opCode).toBe(1);
    expect(reply!.responseTo).toBe(3);
    expect(reply!.doc).toMatchObject({ ok: 1, ismaster: true, maxWireVersion: 21 });
  });
});
