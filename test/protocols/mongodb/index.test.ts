import { describe, expect, test } from "bun:test";
import * as barrel from "../../../src/protocols/mongodb/index.ts";

const BARREL = new URL("../../../src/protocols/mongodb/index.ts", import.meta.url).pathname;

describe("locust-bun/mongodb", () => {
  test("exports exactly its public API", () => {
    expect(Object.keys(barrel).sort()).toEqual([
      "MONGODB_REQUEST_TYPE",
      "MongoDBClient",
      "MongoDBUser",
      "formatMongoRequestName",
    ]);
  });

  test("importing it does not load mongodb", async () => {
    const script = `await import(${JSON.stringify(BARREL)});
      console.log(Object.keys(require.cache).filter((path) => path.includes("node_modules/mongodb/")).length);`;
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    expect({ stdout: stdout.trim(), stderr, exitCode }).toEqual({ stdout: "0", stderr: "", exitCode: 0 });
  });
});
