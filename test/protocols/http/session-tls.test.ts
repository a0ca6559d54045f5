import { beforeAll, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { HttpUser } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSelfSignedCertificate, hasOpenssl, type Certificate } from "../../support/self-signed-certificate.ts";
import { createSessionFixture } from "./session-fixture.ts";

const openssl = hasOpenssl("the TLS tests");
let tls: Certificate;

beforeAll(async () => {
  if (openssl) tls = await createSelfSignedCertificate();
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
