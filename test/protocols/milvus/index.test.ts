import { describe, expect, test } from "bun:test";
import * as barrel from "../../../src/protocols/milvus/index.ts";

const BARREL = new URL("../../../src/protocols/milvus/index.ts", import.meta.url).pathname;

describe("locust-bun/milvus", () => {
  test("exports exactly its public API", () => {
    expect(Object.keys(barrel).sort()).toEqual([
      "MILVUS_REQUEST_TYPE",
      "MilvusCollectionClient",
      "MilvusEmptyResultError",
      "MilvusError",
      "MilvusUser",
      "computeRecall",
    ]);
  });

  test("importing it does not load @zilliz/milvus2-sdk-node", async () => {
    const script = `await import(${JSON.stringify(BARREL)});
      console.log(Object.keys(require.cache).filter((path) => path.includes("node_modules/@zilliz/milvus2-sdk-node/")).length);`;
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    expect({ stdout: stdout.trim(), stderr, exitCode }).toEqual({ stdout: "0", stderr: "", exitCode: 0 });
  });
});
