import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { MilvusUser } from "../../../src/protocols/milvus/index.ts";

describe("MilvusUser", () => {
  test("defaults to Locust's settings", () => {
    class Searcher extends MilvusUser {}
    expect(new Searcher(new Environment()).client.settings).toEqual({
      uri: "http://localhost:19530",
      token: "root:Milvus",
      collectionName: "test_collection",
      dbName: "default",
      timeout: 60,
      emptyIsFailure: false,
      clientOptions: undefined,
    });
  });

  test("takes static settings, and --host over uri", () => {
    class Searcher extends MilvusUser {
      static override uri = "http://milvus.internal:19530";
      static override token = "";
      static override collectionName = "docs";
      static override dbName = "search";
      static override timeout = 5;
      static override emptyIsFailure = true;
    }
    const fromClass = new Searcher(new Environment());
    const fromFlag = new Searcher(new Environment({ host: "https://milvus.example.com:443" }));
    expect(fromClass.client.settings).toMatchObject({ uri: "http://milvus.internal:19530", collectionName: "docs", dbName: "search", timeout: 5, emptyIsFailure: true, token: "" });
    expect(fromFlag.client.settings.uri).toBe("https://milvus.example.com:443");
  });

  test("creating a user does no I/O", () => {
    class Searcher extends MilvusUser {}
    expect(() => new Searcher(new Environment({ host: "http://127.0.0.1:1" })).client.sdk).toThrow("not connected");
  });
});
