import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DataType } from "@zilliz/milvus2-sdk-node";
import {
  MilvusEmptyResultError,
  MilvusUser,
  type MilvusCollectionSchema,
} from "../../../src/protocols/milvus/index.ts";
import { freePort } from "../../support/free-port.ts";
import { startMilvusGrpcServer, type MilvusGrpcServer } from "../../support/milvus-grpc-server.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

const OPERATION_METHODS = new Set(["Insert", "Upsert", "Search", "HybridSearch", "Query", "Delete"]);

/** Entity i sits at [i, i]: the nearest neighbours of [0, 0] are 0, 1, 2, … in that order. */
const rows = Array.from({ length: 8 }, (_, i) => ({ id: i, vec: [i, i] }));

class Searcher extends MilvusUser {
  static override collectionName = "docs";
  static override timeout = 5;
  static override schema: MilvusCollectionSchema | undefined = {
    fields: [
      { name: "id", data_type: DataType.Int64, is_primary_key: true },
      { name: "vec", data_type: DataType.FloatVector, dim: 2 },
    ],
  };
  static override indexParams = { field_name: "vec", index_type: "FLAT", metric_type: "L2" };
}

let server: MilvusGrpcServer;

/** A started user of `cls` on a fresh environment recording stats and request events. */
async function startUser(cls: typeof MilvusUser = Searcher, address = server.address) {
  const { env: environment, events } = createRecordingEnvironment({ host: `http://${address}` });
  const user = new (cls as unknown as typeof Searcher)(environment);
  await user.beforeStart();
  return { user, environment, events };
}

beforeAll(async () => {
  server = await startMilvusGrpcServer();
});

afterAll(async () => {
  await server.stop();
});

describe("MilvusCollectionClient", () => {
  test("users starting together create, index and load the collection once", async () => {
    const users = await Promise.all([startUser(), startUser(), startUser()]);
    const { user } = users[0]!;
    await user.client.insert(rows);
    await Promise.all(users.map(({ user }) => user.dispose()));
    const setupCalls = server.calls.filter((c) => ["CreateCollection", "CreateIndex", "LoadCollection"].includes(c.method));
    expect(setupCalls.map((c) => c.method)).toEqual(["CreateCollection", "CreateIndex", "LoadCollection"]);
    expect(server.collections.get("docs")?.loaded).toBe(true);
    expect(server.collections.get("docs")?.rows.size).toBe(rows.length);
  });

  test("reports every operation as type milvus with Locust's names and entity or hit counts as length", async () => {
    const { user, environment } = await startUser();
    const before = server.calls.length;
    await user.client.upsert([{ id: 3, vec: [3, 3] }]);
    await user.client.insert([{ id: 100, vec: [100, 100] }]);
    const found = await user.client.search([[0, 0], [7, 7]], { annsField: "vec", limit: 3 });
    await user.client.hybridSearch([{ data: [0, 0], anns_field: "vec" }], { limit: 2 });
    const queried = await user.client.query("id >= 6", { outputFields: ["id"] });
    await user.client.delete([100]);
    await user.dispose();
    const ids = (found?.results as unknown as { id: string }[][]).map((hits) => hits.map((hit) => hit.id));
    expect(ids).toEqual([["0", "1", "2"], ["7", "6", "5"]]);
    expect(queried?.data.map((row) => row.id).sort()).toEqual(["100", "6", "7"]);
    const stats = environment.stats.sortedEntries().map((e) => [e.method, e.name, e.numRequests, e.totalContentLength]);
    expect(stats).toEqual([
      ["milvus", "connect", 1, 0],
      ["milvus", "delete", 1, 1],
      ["milvus", "hybrid_search", 1, 2],
      ["milvus", "insert", 1, 1],
      ["milvus", "query", 1, 3],
      ["milvus", "search", 1, 6],
      ["milvus", "upsert", 1, 1],
    ]);
    expect(environment.stats.total.numFailures).toBe(0);
    const methods = server.calls.slice(before).map((c) => c.method).filter((m) => OPERATION_METHODS.has(m));
    expect(methods).toEqual(["Upsert", "Insert", "Search", "HybridSearch", "Query", "Delete"]);
  });

  test("with a ground truth, 'recall' reports recall × 100 as its response time", async () => {
    const { user, environment, events } = await startUser();
    const half = await user.client.search([0, 0], { annsField: "vec", limit: 4, groundTruth: [0, 1, 42, 43] });
    const perQuery = await user.client.search([[0, 0], [7, 7]], { limit: 2, groundTruth: [["0", "1"], ["7", "0"]] });
    await user.dispose();
    expect([half?.recall, perQuery?.recall]).toEqual([0.5, 0.75]);
    const recalls = events.filter((e) => e.name === "recall").map((e) => [e.responseTime, e.responseLength]);
    expect(recalls).toEqual([[50, 4], [75, 4]]);
    expect(environment.stats.find("recall", "milvus")?.numRequests).toBe(2);
  });

  test("an empty result is a success unless emptyIsFailure", async () => {
    class Strict extends Searcher {
      static override emptyIsFailure = true;
    }
    const lenient = await startUser();
    const strict = await startUser(Strict);
    await lenient.user.client.query("id > 1000");
    await lenient.user.client.search([0, 0], { filter: "id > 1000", emptyIsFailure: true });
    await strict.user.client.query("id > 1000");
    await Promise.all([lenient.user.dispose(), strict.user.dispose()]);
    expect(lenient.events.slice(1).map((e) => e.exception)).toEqual([null, new MilvusEmptyResultError("Empty search result")]);
    expect(strict.events.at(-1)?.exception).toEqual(new MilvusEmptyResultError("Empty query result"));
  });

  test("a reply with a failed status is a counted failure carrying the server's reason", async () => {
    const { user, environment } = await startUser();
    server.failNext("Search", { reason: "segment not loaded", code: 101, errorCode: "UnexpectedError" });
    const reply = await user.client.search([0, 0], { groundTruth: [0] });
    const missing = await user.client.query("id > 0", { collectionName: "nope" });
    await user.dispose();
    expect(reply?.status.reason).toBe("segment not loaded");
    expect(missing?.status.error_code).toBe("CollectionNotExists");
    const errors = [...environment.stats.errors].map((e) => [e.name, e.error]);
    expect(errors).toEqual([
      ["search", "MilvusError('UnexpectedError: segment not loaded')"],
      ["query", expect.stringContaining("MilvusError('CollectionNotExists: collection not found")],
    ]);
    expect(environment.stats.find("recall", "milvus")).toBeUndefined();
  });

  test("a wrong token makes connect and every operation counted failures", async () => {
    await using guarded = await startMilvusGrpcServer({ requiredToken: "root:Milvus" });
    class Intruder extends Searcher {
      static override token = "root:wrong";
      static override schema = undefined;
    }
    const { user, environment } = await startUser(Intruder, guarded.address);
    const reply = await user.client.query("id > 0");
    await user.dispose();
    expect(reply).toBeUndefined();
    expect(environment.stats.find("connect", "milvus")?.numFailures).toBe(1);
    expect(environment.stats.find("query", "milvus")?.numFailures).toBe(1);
    expect([...environment.stats.errors][0]?.error).toContain("UNAUTHENTICATED");
  });

  test("failures at a refused port group: the SDK's retry timings are left out of the text", async () => {
    class Refused extends Searcher {
      static override schema = undefined;
      static override timeout = 2;
    }
    const { user, environment } = await startUser(Refused, `127.0.0.1:${freePort()}`);
    for (let i = 0; i < 3; i++) await user.client.query("id > 0");
    await user.dispose();
    const rows = [...environment.stats.errors].filter((row) => row.name === "query");
    // With the timings each failure was a row of its own; gRPC's "Last error" still varies, so at most two remain.
    expect(rows.length).toBeLessThan(3);
    expect(rows.reduce((sum, row) => sum + row.occurrences, 0)).toBe(3);
    for (const row of rows) expect(row.error).not.toMatch(/retried \d+ times|\d+ms\)/);
  }, 20000);

  test("onStop against a server that accepts and never answers returns within a second or so", async () => {
    using silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    class Stuck extends Searcher {
      static override schema = undefined;
      static override timeout = 30;
    }
    const { env: environment } = createRecordingEnvironment({ host: `http://127.0.0.1:${silent.port}` });
    const user = new Stuck(environment);
    const starting = user.beforeStart();
    user.requestStop(true);
    await starting.catch(() => {});
    user.renewSignalForStop();
    const began = performance.now();
    await user.dispose();
    await user.dispose();
    expect(performance.now() - began).toBeLessThan(2500);
  });

  test("a force-stop aborts an operation in flight without reporting it", async () => {
    const unreachable = await startMilvusGrpcServer();
    class Patient extends Searcher {
      static override schema = undefined;
      static override timeout = 30;
    }
    const { user, events } = await startUser(Patient, unreachable.address);
    await unreachable.stop();
    const signal = user.signal;
    const waiting = user.client.query("id > 0").catch((reason: unknown) => reason);
    user.requestStop(true);
    expect(await waiting).toBe(signal.reason);
    user.renewSignalForStop();
    await user.dispose();
    expect(events.map((e) => e.name)).toEqual(["connect"]);
  });
});
