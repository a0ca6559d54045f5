import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { PostgresUser } from "../../../src/protocols/postgres/index.ts";
import { runLoadProbe } from "../../support/load-probe.ts";

describe("PostgresUser", () => {
  test("is abstract and hands its static settings to the client", () => {
    class Reader extends PostgresUser {
      static override connString = "postgres://class@db/app";
      static override poolSize = 4;
      static override statementTimeout = 250;
    }
    expect(Object.hasOwn(PostgresUser, "abstract") && PostgresUser.abstract).toBe(true);
    expect(Object.hasOwn(Reader, "abstract")).toBe(false);
    expect(new Reader(new Environment()).client.settings).toEqual({
      connString: "postgres://class@db/app",
      poolSize: 4,
      statementTimeout: 250,
      connectTimeout: 10_000,
    });
  });

  const pg = (who: string) => `postgres://${who}@db/app`;
  test.each([
    ["--host postgres:// wins over connString", pg("flag"), pg("class"), undefined, pg("flag")],
    ["--host postgresql:// wins too", "postgresql://flag@db/x", pg("class"), undefined, "postgresql://flag@db/x"],
    ["a non-postgres --host is ignored", "http://web:8080", pg("class"), undefined, pg("class")],
    ["a postgres:// class host is used without connString", undefined, undefined, pg("host"), pg("host")],
    ["nothing set leaves it empty", undefined, undefined, undefined, undefined],
  ])("%s", (_, flagHost, connString, classHost, expected) => {
    class Reader extends PostgresUser {
      static override connString = connString;
      static override host = classHost;
    }
    expect(new Reader(new Environment({ host: flagHost })).client.settings.connString).toBe(expected);
  });

  test("loads pg only when a user connects, not on import or construction", async () => {
    const probe = await runLoadProbe(/node_modules\/pg\//, `
      const { PostgresUser } = await import(src("protocols/postgres/index.ts"));
      const { Environment } = await import(src("core/environment.ts"));
      class Reader extends PostgresUser { static connString = "postgres://postgres@127.0.0.1:1/none"; }
      const user = new Reader(new Environment());
      const before = loaded();
      await user.beforeStart();
      await user.dispose();
      console.log(JSON.stringify([before, loaded()]));
    `);
    expect({ stdout: probe.stdout, exitCode: probe.exitCode }).toEqual({ stdout: "[false,true]", exitCode: 0 });
  });
});
