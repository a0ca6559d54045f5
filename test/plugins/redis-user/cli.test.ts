import { afterAll, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { readFileSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, createProject, runCli, type TempProject } from "../../support/run-cli.ts";
import { freePort } from "../../support/free-port.ts";
import { deleteKeys, findRedisServer, uniqueKeyPrefix } from "../../support/redis-server.ts";
import { startCliWithWebUi } from "../start-cli-with-web-ui.ts";

const server = await findRedisServer();
const prefix = uniqueKeyPrefix();

afterAll(async () => {
  if (server) await deleteKeys(server.url, prefix);
  await server?.stop();
});

/** A locustfile as a user of the published package writes it. */
const LOCUSTFILE = `
import { constant, task } from "locust-bun";
import { RedisUser } from "locust-bun-redis";

export class Counter extends RedisUser {
  waitTime = constant(0.01);
  @task async count() {
    await this.client.incr("counter");
  }
}
`;

/** A temp project depending on locust-bun and on locust-bun-redis (linked to plugins/redis-user). */
function createRedisProject(): TempProject {
  const project = createProject({ "locustfile.ts": LOCUSTFILE });
  const link = join(project.dir, "node_modules", "locust-bun-redis");
  symlinkSync(join(REPO_ROOT, "plugins", "redis-user"), link, "dir");
  return {
    ...project,
    async [Symbol.asyncDispose]() {
      unlinkSync(link); // first, so removing the project never reaches into the repository
      await project[Symbol.asyncDispose]();
    },
  };
}

function csvRow(path: string, type: string, name: string): string[] {
  const rows = readFileSync(path, "utf8").split("\r\n").map((line) => line.split(","));
  return rows.find((row) => row[0] === type && row[1] === name)!;
}

describe.skipIf(!server)("a locustfile using locust-bun-redis, run by the CLI against a real Redis", () => {
  test.concurrent("headless: the CSV's INCR count is the counter Redis holds, and the plugin logs its summary", async () => {
    await using project = createRedisProject();
    const key = `${prefix}headless:`;
    const args = ["--headless", "-H", server!.url, "-u", "2", "-r", "2", "-t", "1s", "--stop-timeout", "5"];
    const result = await runCli([...args, "--redis-key-prefix", key, "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const stats = join(project.dir, "out/run_stats.csv");
    const incr = csvRow(stats, "REDIS", "INCR");
    const inspector = new RedisClient(server!.url, { autoReconnect: false });
    expect(Number(incr[2])).toBe(Number(await inspector.get(`${key}counter`)));
    inspector.close();
    expect(Number(incr[3])).toBe(0);
    expect(csvRow(stats, "REDIS", "connect").slice(2, 4)).toEqual(["2", "0"]);
    expect(result.stderr).toContain(`/INFO/locust-bun-redis: Redis: ${Number(incr[2]) + 2} commands, 0 failed\n`);
  });

  test.concurrent("with the web UI, GET /redis on the UI's port reports the plugin's live count and key prefix", async () => {
    await using project = createRedisProject();
    const key = `${prefix}web:`;
    await using cli = await startCliWithWebUi(["-H", server!.url, "--redis-key-prefix", key], project.dir);
    let body: { commands: number; failures: number; keyPrefix: string } = { commands: 0, failures: 0, keyPrefix: "" };
    while (body.commands < 10) body = await (await fetch(`${cli.url}/redis`)).json();
    expect({ failures: body.failures, keyPrefix: body.keyPrefix }).toEqual({ failures: 0, keyPrefix: key });
    const { exitCode, stderr } = await cli.stop();
    expect(exitCode).toBe(0);
    expect(stderr).toMatch(/locust-bun-redis: Redis: \d+ commands, 0 failed/);
  });
});

describe("a RedisUser run against a closed port", () => {
  test("every command is a counted connection failure naming the address; the run completes and exits 1", async () => {
    await using project = createRedisProject();
    const url = `redis://127.0.0.1:${freePort()}`;
    const result = await runCli(["--headless", "-H", url, "-u", "1", "-r", "1", "-t", "1s", "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    const incr = csvRow(join(project.dir, "out/run_stats.csv"), "REDIS", "INCR");
    expect(Number(incr[2])).toBeGreaterThan(0);
    expect(incr[3]).toBe(incr[2]);
    const failures = readFileSync(join(project.dir, "out/run_failures.csv"), "utf8");
    expect(failures).toContain(`REDIS,INCR,RedisConnectionError('cannot connect to ${url}: Connection closed')`);
    expect(result.stderr).toMatch(/Redis: \d+ commands, \d+ failed \(connection \d+\)/);
  });
});

describe("locust-bun-redis loaded with --plugin", () => {
  test("by path, before any locustfile: --help lists --redis-key-prefix with its help text", async () => {
    await using project = createRedisProject();
    const result = await runCli(["--plugin", "./node_modules/locust-bun-redis/src/index.ts", "-f", "missing.ts", "--help"], {
      cwd: project.dir,
    });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(result.stdout).toMatch(/--redis-key-prefix <string>\s+Put this in front of every key a RedisUser's client sends/);
  });
});
