import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DataType, LoadState, MilvusClient, type ClientConfig, type FieldType, type RowData } from "@zilliz/milvus2-sdk-node";
import { startMilvusGrpcServer, type MilvusGrpcServer } from "./milvus-grpc-server.ts";

const fields: FieldType[] = [
  { name: "id", data_type: DataType.Int64, is_primary_key: true },
  { name: "vec", data_type: DataType.FloatVector, dim: 4 },
  { name: "title", data_type: DataType.VarChar, max_length: 64 },
];

/** Ten entities on a line: entity i sits at [i, i, i, i]. */
const tenRows = Array.from({ length: 10 }, (_, i) => ({ id: i, vec: [i, i, i, i], title: `t${i}` }));

/**
 * The settled rejection of `promise`. Bun 1.4.5's `await expect(promise).rejects` stalls @grpc/grpc-js I/O
 * until the call's deadline (a plain `.catch` does not), so every rejection here is awaited this way.
 */
function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

/**
 * An SDK client for `address`. Under `bun test` NODE_ENV is "test", which turns the SDK's logger to debug:
 * `logLevel` quiets it. Telemetry is off so the call log holds only what each test sends.
 */
function newClient(config: Omit<ClientConfig, "address">, address: string): MilvusClient {
  return new MilvusClient({ address, logLevel: "error", telemetry: { enabled: false }, ...config });
}

let server: MilvusGrpcServer;
let client: MilvusClient;
let collectionCount = 0;

/** A fresh collection with an index, loaded without the SDK's 400 ms progress poll, holding `rows`. */
async function createLoaded(rows: RowData[], metric = "L2"): Promise<string> {
  const name = `c${++collectionCount}`;
  expect((await client.createCollection({ collection_name: name, fields })).error_code).toBe("Success");
  expect((await client.createIndex({ collection_name: name, field_name: "vec", index_type: "FLAT", metric_type: metric })).error_code).toBe("Success");
  expect((await client.loadCollectionAsync({ collection_name: name })).error_code).toBe("Success");
  if (rows.length > 0) expect((await client.insert({ collection_name: name, data: rows })).status.error_code).toBe("Success");
  return name;
}

beforeAll(async () => {
  server = await startMilvusGrpcServer();
  client = newClient({}, server.address);
  await client.connectPromise;
});

afterAll(async () => {
  await client.closeConnection();
  await server.stop();
});

describe("startMilvusGrpcServer with the official SDK", () => {
  test("connect, getVersion and checkHealth reach the server as Connect, GetVersion and CheckHealth", async () => {
    expect(server.calls[0]?.method).toBe("Connect");
    expect((await client.getVersion()).version).toBe("v2.6.0");
    expect((await client.checkHealth()).isHealthy).toBe(true);
    expect(server.calls.map((c) => c.method)).toContain("CheckHealth");
  });

  test("createCollection stores the schema that describeCollection returns with field and collection ids", async () => {
    await client.createCollection({ collection_name: "schema_check", fields, enable_dynamic_field: false });
    const described = await client.describeCollection({ collection_name: "schema_check" });
    expect(described.schema.fields.map((f) => [f.name, f.data_type, f.fieldID, f.is_primary_key])).toEqual([
      ["id", "Int64", "100", true],
      ["vec", "FloatVector", "101", false],
      ["title", "VarChar", "102", false],
    ]);
    expect(described.schema.fields[1]!.dim).toBe("4");
    expect(Number(described.collectionID)).toBe(server.collections.get("schema_check")!.id);
    expect((await client.hasCollection({ collection_name: "schema_check" })).value).toBe(true);
    expect((await client.hasCollection({ collection_name: "missing" })).value).toBe(false);
    await client.dropCollection({ collection_name: "schema_check" });
    expect(server.collections.has("schema_check")).toBe(false);
  });

  test("loadCollection polls GetLoadingProgress to 100 and is refused while the vector field has no index", async () => {
    await client.createCollection({ collection_name: "loading", fields });
    expect(String(await rejectionOf(client.loadCollection({ collection_name: "loading" })))).toContain("IndexNotExist");
    expect((await client.describeIndex({ collection_name: "loading" })).status.error_code).toBe("IndexNotExist");
    await client.createIndex({ collection_name: "loading", field_name: "vec", index_type: "FLAT", metric_type: "L2" });
    expect((await client.loadCollection({ collection_name: "loading" })).error_code).toBe("Success");
    expect(server.calls.some((c) => c.method === "GetLoadingProgress")).toBe(true);
    expect((await client.getLoadState({ collection_name: "loading" })).state).toBe(LoadState.LoadStateLoaded);
    const index = await client.describeIndex({ collection_name: "loading" });
    expect(index.index_descriptions.map((d) => [d.field_name, d.state])).toEqual([["vec", "Finished"]]);
  });

  test("insert stores column-wise rows and returns their ids and count", async () => {
    const name = await createLoaded([]);
    const result = await client.insert({ collection_name: name, data: tenRows });
    expect(result.insert_cnt).toBe("10");
    expect(result.IDs).toMatchObject({ int_id: { data: tenRows.map((r) => String(r.id)) } });
    const stored = server.collections.get(name)!.rows;
    expect(stored.size).toBe(10);
    expect(stored.get("7")).toEqual({ id: 7, vec: [7, 7, 7, 7], title: "t7" });
  });

  test("search returns the nearest ids in order with the requested output fields", async () => {
    const name = await createLoaded(tenRows);
    const result = await client.search({ collection_name: name, data: [6.2, 6.2, 6.2, 6.2], limit: 3, output_fields: ["title"] });
    expect(result.status.error_code).toBe("Success");
    expect(result.results.map((r) => [r.id, r.title])).toEqual([["6", "t6"], ["7", "t7"], ["5", "t5"]]);
    expect(result.results[0]!.score).toBeCloseTo(4 * 0.2 * 0.2, 5);
  });

  test.each([
    ["L2", ["a", "d", "c", "b"]],
    ["IP", ["b", "a", "d", "c"]],
    ["COSINE", ["a", "b", "d", "c"]],
  ])("search ranks by the index's %s metric", async (metric, expected) => {
    const vectors: Record<string, number[]> = { a: [1, 0, 0, 0], b: [10, 1, 0, 0], c: [0, 1, 0, 0], d: [0.9, 0.1, 0, 0] };
    const rows = Object.entries(vectors).map(([title, vec], i) => ({ id: i, vec, title }));
    const name = await createLoaded(rows, metric);
    const result = await client.search({ collection_name: name, data: [1, 0, 0, 0], limit: 4, output_fields: ["title"] });
    expect(result.results.map((r) => r.title)).toEqual(expected);
  });

  test("search with a filter only considers matching entities; two query vectors get two result lists", async () => {
    const name = await createLoaded(tenRows);
    const filtered = await client.search({ collection_name: name, data: [0, 0, 0, 0], limit: 2, filter: "id > 5" });
    expect(filtered.results.map((r) => r.id)).toEqual(["6", "7"]);
    const two = await client.search({ collection_name: name, data: [[0, 0, 0, 0], [9, 9, 9, 9]], limit: 1 });
    expect((two.results as unknown as Array<Array<{ id: string }>>).map((list) => list.map((r) => r.id))).toEqual([["0"], ["9"]]);
  });

  test("query supports id in [...], comparisons with and, an empty filter with a limit, and count(*)", async () => {
    const name = await createLoaded(tenRows);
    const byIds = await client.query({ collection_name: name, filter: "id in [3, 1]", output_fields: ["title"] });
    expect(byIds.data).toEqual([{ id: "1", title: "t1" }, { id: "3", title: "t3" }]);
    const range = await client.query({ collection_name: name, filter: 'id > 6 and title != "t8"', output_fields: ["id"] });
    expect(range.data.map((r) => r.id)).toEqual(["7", "9"]);
    const page = await client.query({ collection_name: name, filter: "", limit: 2, offset: 4, output_fields: ["id"] });
    expect(page.data.map((r) => r.id)).toEqual(["4", "5"]);
    expect((await client.count({ collection_name: name, filter: "id >= 8" })).data).toBe(2);
    const unbounded = await client.query({ collection_name: name, filter: "" });
    expect(unbounded.status.reason).toBe("empty expression should be used with limit");
    const malformed = await client.query({ collection_name: name, filter: "id >>> 3", limit: 1 });
    expect(malformed.status.error_code).toBe("IllegalArgument");
  });

  test("delete by ids and by filter removes the entities from later queries and searches", async () => {
    const name = await createLoaded(tenRows);
    const byIds = await client.delete({ collection_name: name, ids: [0, 1] });
    expect(byIds.delete_cnt).toBe("2");
    expect(server.calls.filter((c) => c.method === "Delete").at(-1)!.request.expr).toBe("id in [0,1]");
    expect((await client.delete({ collection_name: name, filter: "id >= 8" })).delete_cnt).toBe("2");
    const left = await client.query({ collection_name: name, filter: "id >= 0", output_fields: ["id"] });
    expect(left.data.map((r) => r.id)).toEqual(["2", "3", "4", "5", "6", "7"]);
    const nearest = await client.search({ collection_name: name, data: [0, 0, 0, 0], limit: 1 });
    expect(nearest.results.map((r) => r.id)).toEqual(["2"]);
  });

  test("upsert replaces an entity with the same primary key", async () => {
    const name = await createLoaded(tenRows);
    const result = await client.upsert({ collection_name: name, data: [{ id: 4, vec: [0, 0, 0, 0], title: "moved" }] });
    expect(result.upsert_cnt).toBe("1");
    const moved = await client.query({ collection_name: name, filter: "id == 4", output_fields: ["title"] });
    expect(moved.data).toEqual([{ id: "4", title: "moved" }]);
    expect(server.collections.get(name)!.rows.size).toBe(10);
  });

  test("hybridSearch fuses the sub-searches by reciprocal rank, or by weights when asked", async () => {
    const name = await createLoaded(tenRows);
    const data = [
      { anns_field: "vec", data: [3.3, 3.3, 3.3, 3.3], limit: 3 }, // ranks 3, 4, 2
      { anns_field: "vec", data: [2.4, 2.4, 2.4, 2.4], limit: 3 }, // ranks 2, 3, 1
    ];
    const rrf = await client.hybridSearch({ collection_name: name, data, limit: 3, output_fields: ["id"] });
    expect(rrf.results.map((r) => r.id)).toEqual(["3", "2", "4"]);
    expect(rrf.results[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 6);
    const weighted = await client.hybridSearch({ collection_name: name, data, limit: 2, rerank: { strategy: "weighted", params: { weights: [1, 0.1] } } });
    // L2 distances normalised by 1 - 2·atan(d)/π: entity 4 (0.30 from the first search) beats 2 (0.09 + 0.1 × 0.64).
    expect(weighted.results.map((r) => r.id)).toEqual(["3", "4"]);
    expect(server.calls.filter((c) => c.method === "HybridSearch").at(-1)!.request.requests).toHaveLength(2);
  });

  test("search and query on a collection that is not loaded fail with Milvus's status", async () => {
    await client.createCollection({ collection_name: "unloaded", fields });
    const searched = await client.search({ collection_name: "unloaded", data: [1, 1, 1, 1], limit: 1 });
    expect(searched.status).toMatchObject({ code: 101, reason: expect.stringContaining("collection not loaded") });
    expect((await client.query({ collection_name: "unloaded", filter: "id > 0" })).status.code).toBe(101);
  });

  test("failNext makes the next call answer with the given failure status, which the SDK surfaces", async () => {
    const name = await createLoaded(tenRows);
    server.failNext("Query", { code: 2000, reason: "shard busy" });
    const failed = await client.query({ collection_name: name, filter: "id == 1" });
    expect(failed.status).toMatchObject({ error_code: "UnexpectedError", code: 2000, reason: "shard busy" });
    expect((await client.query({ collection_name: name, filter: "id == 1" })).data).toHaveLength(1);
    server.failNext("CreateIndex", { code: 1100, reason: "bad index", errorCode: "IllegalArgument" });
    expect(await client.createIndex({ collection_name: name, field_name: "title" })).toMatchObject({ error_code: "IllegalArgument", reason: "bad index" });
  });

  test("failNext with a non-retried gRPC code rejects the SDK call", async () => {
    server.failNext("GetVersion", { grpcCode: 7, reason: "no access" });
    expect(await rejectionOf(client.getVersion())).toMatchObject({ code: 7, details: "no access" });
  });

  test("calls record the method, the decoded request and the metadata", async () => {
    const name = await createLoaded(tenRows.slice(0, 2));
    const insert = server.calls.filter((c) => c.method === "Insert").at(-1)!;
    expect(insert.request.collection_name).toBe(name);
    expect(insert.request.num_rows).toBe(2);
    expect(insert.request.fields_data.map((f: { field_name: string }) => f.field_name)).toEqual(["id", "vec", "title"]);
    expect(insert.metadata.dbname).toBe("default");
  });
});

describe("startMilvusGrpcServer defaults", () => {
  test("a method without a real handler answers success with a default message", async () => {
    expect((await client.createDatabase({ db_name: "extra" })).error_code).toBe("Success");
    const listed = await client.listDatabases();
    expect(listed.status.error_code).toBe("Success");
    expect(listed.db_names).toEqual([]);
  });

  test("the SDK's background telemetry heartbeat is answered, so telemetry need not be disabled", async () => {
    await using fresh = await startMilvusGrpcServer();
    const chatty = new MilvusClient({ address: fresh.address, logLevel: "error" });
    try {
      await chatty.connectPromise;
      while (!fresh.calls.some((c) => c.method === "ClientHeartbeat")) await Bun.sleep(1);
      expect((await chatty.getVersion()).version).toBe("v2.6.0");
      expect(fresh.calls.find((c) => c.method === "ClientHeartbeat")!.request.client_info.sdk_type).toBe("nodejs");
    } finally {
      await chatty.closeConnection();
    }
  });
});

describe("startMilvusGrpcServer with requiredToken", () => {
  test("a client with the token is served and a wrong token fails with UNAUTHENTICATED", async () => {
    await using secured = await startMilvusGrpcServer({ requiredToken: "root:Milvus" });
    const good = newClient({ token: "root:Milvus" }, secured.address);
    await good.connectPromise;
    expect((await good.getVersion()).version).toBe("v2.6.0");
    await good.closeConnection();
    const userPassword = newClient({ username: "root", password: "Milvus" }, secured.address);
    await userPassword.connectPromise;
    await userPassword.closeConnection();
    // The SDK starts connecting in its constructor: its rejection must be awaited at once or it goes unhandled.
    const bad = newClient({ token: "wrong" }, secured.address);
    expect(await rejectionOf(bad.connectPromise)).toMatchObject({ code: 16 });
    expect(String(await rejectionOf(bad.showCollections()))).toContain("UNAUTHENTICATED");
    await bad.closeConnection();
    expect(secured.calls.filter((c) => c.method === "Connect").map((c) => c.metadata.authorization)).toEqual(
      ["root:Milvus", "root:Milvus", "wrong"].map((token) => Buffer.from(token).toString("base64")),
    );
  });
});

describe("startMilvusGrpcServer stop", () => {
  test("after stop, SDK calls fail instead of hanging", async () => {
    const stopping = await startMilvusGrpcServer();
    const doomed = newClient({ timeout: 5000 }, stopping.address);
    try {
      await doomed.connectPromise;
      await stopping.stop();
      expect(await rejectionOf(doomed.showCollections())).toMatchObject({ code: 14 });
    } finally {
      await doomed.closeConnection();
    }
  });
});
