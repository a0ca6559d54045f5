import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { importMilvusSdk } from "../../../src/protocols/milvus/import-milvus.ts";

describe("importMilvusSdk", () => {
  test("loads the installed SDK", async () => {
    expect(typeof (await importMilvusSdk()).MilvusClient).toBe("function");
  });

  test("a missing SDK is a LocustError that says how to install it", async () => {
    const failing = () => Promise.reject(new Error("Cannot find package '@zilliz/milvus2-sdk-node'"));
    const error = await importMilvusSdk(failing).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(LocustError);
    expect(error).toMatchObject({
      message: "MilvusUser needs the '@zilliz/milvus2-sdk-node' package: bun add @zilliz/milvus2-sdk-node",
    });
  });
});
