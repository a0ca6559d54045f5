import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import pg from "pg";
import { Environment } from "../../../src/core/environment.ts";
import { ForcedStop } from "../../../src/core/errors.ts";
import { PostgresUser } from "../../../src/protocols/postgres/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { freePort } from "../../support/free-port.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { waitFor } from "../../support/wait-for.ts";
import { findPostgres } from "../../support/postgres-cluster.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";
import { createProject, runCli } from "../../support/run-cli.ts";

const server = await findPostgres();

const userClass = (connString: string | undefined, statics: Partial<typeof PostgresUser> = {}) =>
  defineUserClass(PostgresUser, { connString, ...statics });

function withPath(url: string, change: (u: URL) => void): string {
  const parsed = new URL(url);
  change(parsed);
  return parsed.toString();
}

describe("PostgresClient without a reachable server", () => {
  test("a closed port is a counted connect failure; later statements retry and are counted too", async () => {
    const url = `postgres://postgres@127.0.0.1:${freePort()}/test`;
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(url))(env);
    await user.beforeStart();
    expect(await user.client.executeQuery("SELECT 1", [], "probe")).toBeUndefined();
    expect(events.map((e) => [e.requestType, e.name])).toEqual([
      ["postgres", "connect"],
      ["postgres", "probe"],
    ]);
    for (const event of events) expect(String(event.exception)).toContain("ECONNREFUSED");
    await user.dispose();
  });

  test("a stop during a connect to a server that never answers drops the connection instead of waiting out connectTimeout", async () => {
    await using silent = startRawTcpServer(() => {}); // accepts, reads, never answers
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(`postgres://postgres@127.0.0.1:${silent.port}/test`, { connectTimeout: 60_000 }))(env);
    const starting = user.beforeStart();
    await waitFor(() => silent.openConnections === 1);
    user.requestStop(true);
    await expect(starting).rejects.toBeInstanceOf(ForcedStop);
    user.renewSignalForStop();
    await user.dispose();
    await waitFor(() => silent.openConnections === 0);
    expect(events).toEqual([]);
  });

  test("no connection string is a setup error with a hint", async () => {
    const user = new (userClass(undefined))(new Environment());
    await expect(user.beforeStart()).rejects.toMatchObject({ code: "POSTGRES_NO_CONN_STRING" });
  });

});

describe.skipIf(!server)("PostgresClient connections on a real PostgreSQL", () => {
  let admin: pg.Client;
  const backends = async (applicationName: string, state?: string) => {
    const sql = `SELECT count(*) AS n FROM pg_stat_activity
      WHERE application_name = $1 AND ($2::text IS NULL OR state = $2)`;
    return Number((await admin.query(sql, [applicationName, state ?? null])).rows[0].n);
  };
  const waitUntil = async (check: () => Promise<boolean>) => {
    for (let attempt = 0; attempt < 500 && !(await check()); attempt++) await Bun.sleep(10);
  };

  beforeAll(async () => {
    admin = new pg.Client(server!.url);
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  test.each([
    ["an unknown role", (u: URL) => (u.username = "no_such_role_lb"), 'role "no_such_role_lb" does not exist'],
    ["an unknown database", (u: URL) => (u.pathname = "/no_such_db_lb"), 'database "no_such_db_lb" does not exist'],
  ])("%s is a counted connect failure with the server's message", async (_, change, message) => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(withPath(server!.url, change)))(env);
    await user.beforeStart();
    expect(events.map((e) => e.name)).toEqual(["connect"]);
    expect(String(events[0]!.exception)).toContain(message);
    await user.dispose();
  });

  test("poolSize lets one user run that many statements at once", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server!.url, { poolSize: 3 }))(env);
    const applicationName = `lb-pool-${crypto.randomUUID().slice(0, 8)}`;
    user.client.settings.applicationName = applicationName;
    await user.beforeStart();
    await admin.query("SELECT pg_advisory_lock(4242)");
    const blocked = [1, 2, 3].map(() => user.client.executeQuery("SELECT pg_advisory_lock_shared(4242)", [], "wait"));
    await waitUntil(async () => (await backends(applicationName, "active")) === 3);
    expect(await backends(applicationName, "active")).toBe(3);
    await admin.query("SELECT pg_advisory_unlock(4242)");
    await Promise.all(blocked);
    expect(env.stats.find("wait", "postgres")?.numRequests).toBe(3);
    await user.dispose();
    await waitUntil(async () => (await backends(applicationName)) === 0);
    expect(await backends(applicationName)).toBe(0);
  });

  test("a run that ends during a statement gets its cancel to the server before the process exits", async () => {
    const applicationName = `lb-exit-${crypto.randomUUID().slice(0, 8)}`;
    const locustfile = `import { task } from "locust-bun";
import { PostgresUser } from "locust-bun/postgres";
export class Sleeper extends PostgresUser {
  static override connString = ${JSON.stringify(server!.url)};
  override async onStart() {
    this.client.settings.applicationName = ${JSON.stringify(applicationName)};
  }
  @task async sleep() { await this.client.executeQuery("SELECT pg_sleep(30)", [], "sleep"); }
}
`;
    await using project = createProject({ "locustfile.ts": locustfile });
    const result = await runCli(["--headless", "-u", "1", "-t", "2s", "--only-summary"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    await waitUntil(async () => (await backends(applicationName, "active")) === 0);
    expect(await backends(applicationName, "active")).toBe(0);
  }, 20000);

  test("a force-stopped user drops the busy connection, reports nothing for it and still closes", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    const applicationName = `lb-abort-${crypto.randomUUID().slice(0, 8)}`;
    user.client.settings.applicationName = applicationName;
    await user.beforeStart();
    await admin.query("SELECT pg_advisory_lock(4343)");
    const running = user.client.executeQuery("SELECT pg_advisory_lock(4343)", [], "stuck");
    await waitUntil(async () => (await backends(applicationName, "active")) === 1);
    user.requestStop(true);
    await expect(running).rejects.toMatchObject({ name: "ForcedStop" });
    await waitUntil(async () => (await backends(applicationName)) === 0);
    expect(await backends(applicationName)).toBe(0);
    await admin.query("SELECT pg_advisory_unlock(4343)");
    user.renewSignalForStop();
    await user.dispose();
    expect(events.map((e) => e.name)).toEqual(["connect"]);
  });
});
