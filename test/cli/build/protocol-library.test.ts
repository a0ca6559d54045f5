import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMongoWireServer } from "../../support/mongo-wire-server.ts";
import { runCli } from "../../support/run-cli.ts";

// A locustfile on a protocol with a heavy third-party library (the MongoDB driver), loaded lazily by locust-bun.
const LOCUSTFILE = `
import { constant, task } from "locust-bun";
import { MongoDBUser } from "locust-bun/mongodb";
export class Reader extends MongoDBUser {
  static override dbName = "shop";
  override waitTime = constant(0.05);
  @task async browse() { await this.client.find("products", { price: { $lt: 50 } }); }
}
`;

let runDir: string;
let executable: string;

beforeAll(async () => {
  const sourceDir = mkdtempSync(join(tmpdir(), "locust-bun-build-src-"));
  runDir = mkdtempSync(join(tmpdir(), "locust-bun-build-run-"));
  try {
    writeFileSync(join(sourceDir, "mongo.ts"), LOCUSTFILE);
    const built = await runCli(["build", "-f", "mongo.ts", "-o", "loadtest"], { cwd: sourceDir, timeoutMs: 120_000 });
    if (built.exitCode !== 0) throw new Error(`build failed: ${built.stderr}`);
    executable = join(runDir, "loadtest");
    copyFileSync(join(sourceDir, "loadtest"), executable);
  } finally {
    rmSync(sourceDir, { recursive: true, force: true });
  }
}, 150_000);

afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe("an executable built from a locustfile that uses a protocol library", () => {
  test("embeds the library it uses", () => {
    expect(readFileSync(executable).indexOf("MongoServerSelectionError")).toBeGreaterThan(-1);
  });

  test("runs against a real wire server from an empty folder and counts every command the server received", async () => {
    await using server = await startMongoWireServer();
    const result = await runCli(["--headless", "-H", `${server.uri}/shop`, "-u", "2", "-r", "2", "-t", "2s", "-s", "5", "--csv", "run"], {
      cwd: runDir,
      command: [executable],
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(0);
    const row = readFileSync(join(runDir, "run_stats.csv"), "utf8").split("\r\n").find((line) => line.startsWith("MONGODB,find products,"));
    const finds = server.commands.filter((command) => command.command === "find").length;
    expect(finds).toBeGreaterThan(0);
    expect(Number(row!.split(",")[2])).toBe(finds);
  }, 60_000);
});
