import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import pg from "pg";
import { formatQueryName, PostgresUser } from "../../../src/protocols/postgres/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { findPostgres } from "../../support/postgres-cluster.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

const server = await findPostgres();

const userClass = (connString: string, statics: Partial<typeof PostgresUser> = {}) =>
  defineUserClass(PostgresUser, { connString, ...statics });

const unique = () => `lb_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;

describe.skipIf(!server)("PostgresClient against a real PostgreSQL", () => {
  const table = unique();
  let admin: pg.Client;
  const count = async () => Number((await admin.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    admin = new pg.Client(server!.url);
    await admin.connect();
    await admin.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, label text NOT NULL)`);
  });
  afterAll(async () => {
    await admin?.query(`DROP TABLE IF EXISTS ${table}`);
    await admin?.end();
    await server?.stop();
  });

  test("times each statement under its given name or its normalised SQL, with rows as the length", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    await user.beforeStart();
    for (const label of ["a", "b", "c"]) {
      await user.client.executeQuery(`INSERT INTO ${table} (label) VALUES ($1)`, [label], "insert label");
    }
    const selectSql = `SELECT label FROM ${table} WHERE label <> 'zzz' ORDER BY label`;
    const selected = await user.client.executeQuery<{ label: string }>(selectSql);
    expect(selected?.rows.map((r) => r.label)).toEqual(["a", "b", "c"]);
    expect(await count()).toBe(3);
    expect(events.map((e) => [e.requestType, e.name, e.responseLength, e.exception])).toEqual([
      ["postgres", "connect", 0, null],
      ["postgres", "insert label", 1, null],
      ["postgres", "insert label", 1, null],
      ["postgres", "insert label", 1, null],
      ["postgres", formatQueryName(selectSql), 3, null],
    ]);
    expect(env.stats.find("insert label", "postgres")?.numRequests).toBe(3);
    await admin.query(`DELETE FROM ${table}`);
    await user.dispose();
  });

  test("a failing statement is a counted failure with PostgreSQL's message; the connection stays usable", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    await user.beforeStart();
    expect(await user.client.executeQuery("SELECT * FROM no_such_table_here", [], "missing")).toBeUndefined();
    expect(String(events.at(-1)!.exception)).toContain('relation "no_such_table_here" does not exist');
    expect((await user.client.executeQuery("SELECT 1 AS one"))?.rows).toEqual([{ one: 1 }]);
    expect(env.stats.find("missing", "postgres")?.numFailures).toBe(1);
    expect(env.stats.find("SELECT ? AS one", "postgres")?.numFailures).toBe(0);
    await user.dispose();
  });

  test("statementTimeout makes a long statement a counted failure", async () => {
    const { events, env } = createRecordingEnvironment();
    const user = new (userClass(server!.url, { statementTimeout: 50 }))(env);
    await user.beforeStart();
    await user.client.executeQuery("SELECT pg_sleep(30)", [], "sleep");
    expect(String(events.at(-1)!.exception)).toContain("canceling statement due to statement timeout");
    await user.dispose();
  });

  test("a transaction commits, reporting BEGIN, each statement, COMMIT and the whole transaction", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    await user.beforeStart();
    const result = await user.client.transaction(async (tx) => {
      await tx.executeQuery(`INSERT INTO ${table} (label) VALUES ($1)`, ["t1"], "tx insert");
      await tx.executeQuery(`INSERT INTO ${table} (label) VALUES ($1)`, ["t2"], "tx insert");
      return "done";
    }, "two inserts");
    expect(result).toBe("done");
    expect(await count()).toBe(2);
    expect(events.slice(1).map((e) => [e.name, e.exception])).toEqual([
      ["BEGIN", null],
      ["tx insert", null],
      ["tx insert", null],
      ["COMMIT", null],
      ["two inserts", null],
    ]);
    await admin.query(`DELETE FROM ${table}`);
    await user.dispose();
  });

  test("a transaction whose callback throws rolls back, and the error is counted on the transaction", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    await user.beforeStart();
    const result = await user.client.transaction(async (tx) => {
      await tx.executeQuery(`INSERT INTO ${table} (label) VALUES ('gone')`);
      throw new Error("changed my mind");
    });
    expect(result).toBeUndefined();
    expect(await count()).toBe(0);
    expect(events.slice(1).map((e) => [e.name, e.exception === null ? null : String(e.exception)])).toEqual([
      ["BEGIN", null],
      [formatQueryName(`INSERT INTO ${table} (label) VALUES ('gone')`), null],
      ["ROLLBACK", null],
      ["transaction", "Error: changed my mind"],
    ]);
    await user.dispose();
  });

  test("a failing statement inside a transaction is counted once and rolls the transaction back", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server!.url))(env);
    await user.beforeStart();
    await user.client.transaction(async (tx) => {
      await tx.executeQuery(`INSERT INTO ${table} (label) VALUES ('kept?')`, [], "first");
      await tx.executeQuery(`INSERT INTO ${table} (label) VALUES (NULL)`, [], "violates not null");
      await tx.executeQuery("SELECT 1", [], "never runs");
    });
    expect(await count()).toBe(0);
    expect(events.slice(1).map((e) => [e.name, e.exception !== null])).toEqual([
      ["BEGIN", false],
      ["first", false],
      ["violates not null", true],
      ["ROLLBACK", false],
      ["transaction", true],
    ]);
    expect(String(events.at(-1)!.exception)).toContain('violates not-null constraint');
    await user.dispose();
  });
});
