import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Environment } from "../../../src/core/environment.ts";
import { HttpUser } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "./session-fixture.ts";

const openssl = Bun.which("openssl");
if (!openssl && process.env.CI) throw new Error("openssl is required for the TLS tests under CI");
if (!openssl) console.warn("skipping TLS tests: openssl not found");

let dir = "";
let tls = { cert: "", key: "" };

beforeAll(() => {
  if (!openssl) return;
  dir = mkdtempSync(join(tmpdir(), "locust-bun-tls-"));
  const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")];
  const made = Bun.spawnSync([openssl, ...args, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"]);
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  tls = { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!openssl)("TLS with a self-signed certificate", () => {
  test("is refused by default, like python-requests, as a status-0 SSLError failure", async () => {
    await using target = startHttpTarget({ tls });
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/ultra_fast");
    expect(response.status).toBe(0);
    expect(response.error!.name).toBe("SSLError");
    expect(events[0]!.exception).toBe(response.error);
    expect(target.requests).toHaveLength(0);
  });

  test("works with verify turned off for the session or for one request", async () => {
    await using target = startHttpTarget({ tls });
    const { client, events } = createSessionFixture(target.url);
    expect((await client.get("/ultra_fast", { verify: false })).text).toBe("This is an ultra fast response");
    client.verify = false;
    const echo = await client.post("/echo", { json: { secure: true } });
    expect(echo.json<{ body: string }>().body).toBe('{"secure":true}');
    expect(events.map((e) => e.exception)).toEqual([null, null]);
    expect(target.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
  });

  test("an HttpUser class with static insecure accepts the certificate", async () => {
    await using target = startHttpTarget({ tls });
    class TrustingUser extends HttpUser {
      static override insecure = true;
    }
    class CheckingUser extends HttpUser {}
    const environment = new Environment({ host: target.url });
    expect((await new TrustingUser(environment).client.get("/ultra_fast")).status).toBe(200);
    expect((await new CheckingUser(environment).client.get("/ultra_fast")).status).toBe(0);
  });
});
