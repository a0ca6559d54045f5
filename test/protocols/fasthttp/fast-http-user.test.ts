import { beforeAll, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { StopUser } from "../../../src/core/errors.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { runUser } from "../../../src/core/user/user-loop.ts";
import { FastHttpSession, FastHttpUser } from "../../../src/protocols/fasthttp/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { type Certificate, createSelfSignedCertificate, hasOpenssl } from "../../support/self-signed-certificate.ts";
import { waitFor } from "../../support/wait-for.ts";
import { createFastFixture } from "./session-fixture.ts";

describe("FastHttpUser", () => {
  test("is abstract, has Locust's defaults, and builds its client without I/O", () => {
    expect(FastHttpUser.abstract).toBe(true);
    expect([FastHttpUser.networkTimeout, FastHttpUser.connectionTimeout, FastHttpUser.maxRedirects, FastHttpUser.maxRetries]).toEqual([60, 60, 30, 0]);
    expect([FastHttpUser.insecure, FastHttpUser.concurrency, FastHttpUser.defaultHeaders]).toEqual([true, 10, undefined]);
    class Shop extends FastHttpUser {
      static override host = "http://127.0.0.1:9";
      static override maxRetries = 2;
    }
    const user = new Shop(new Environment());
    expect(user.client).toBeInstanceOf(FastHttpSession);
    expect([user.client.baseUrl, user.client.maxRetries, user.client.connectionCount]).toEqual(["http://127.0.0.1:9", 2, 0]);
  });

  test("--host wins over the class host", () => {
    class Shop extends FastHttpUser {
      static override host = "http://class.example";
    }
    expect(new Shop(new Environment({ host: "http://cli.example" })).client.baseUrl).toBe("http://cli.example");
  });

  test("a relative request without any host is Locust's missing-host error", async () => {
    using fixture = createFastFixture(undefined);
    await expect(fixture.client.get("/")).rejects.toThrow("You must specify the base host");
    expect(fixture.events).toHaveLength(0);
  });

  test("the user's connections close when it ends, even when a subclass overrides onStop without super", async () => {
    await using server = startRawTcpServer((x) => x.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const environment = new Environment({ host: server.url });
    let stopped = false;
    class Once extends FastHttpUser {
      @task async once() {
        await this.client.get("/");
        expect(this.client.connectionCount).toBe(1);
        throw new StopUser();
      }
      override onStop() {
        stopped = true;
      }
    }
    const user = new Once(environment);
    await runUser(user);
    expect(stopped).toBe(true);
    expect(user.client.connectionCount).toBe(0);
    await waitFor(() => server.openConnections === 0);
  });
});

describe("force-stopping the user", () => {
  test("aborts an in-flight request: the promise rejects with the abort reason and nothing is reported", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.get("/never");
    await target.waitForHits("GET", "/never");
    fixture.user.requestStop(true);
    await expect(call).rejects.toMatchObject({ name: "ForcedStop" });
    expect(fixture.events).toHaveLength(0);
    expect(fixture.client.connectionCount).toBe(0);
  });

  test("aborts requests waiting for a connection too, and onStop requests work on the renewed signal", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url, { concurrency: 1 });
    const inFlight = fixture.client.get("/never");
    const waiting = fixture.client.get("/ultra_fast");
    await target.waitForHits("GET", "/never");
    fixture.user.requestStop(true);
    const outcomes = await Promise.allSettled([inFlight, waiting]);
    expect(outcomes.map((o) => o.status === "rejected" && (o.reason as Error).name)).toEqual(["ForcedStop", "ForcedStop"]);
    fixture.user.renewSignalForStop();
    expect((await fixture.client.get("/ultra_fast")).status).toBe(200);
    expect(fixture.events.map((e) => e.name)).toEqual(["/ultra_fast"]);
    expect(target.hits("GET", "/ultra_fast")).toBe(1);
  });

  test("a request started after the abort rejects at once without reaching the server", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    fixture.user.requestStop(true);
    await expect(fixture.client.get("/ultra_fast")).rejects.toMatchObject({ name: "ForcedStop" });
    expect([fixture.events.length, target.requests.length]).toEqual([0, 0]);
  });

  test("a graceful stop lets the request in flight finish", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.get("/never");
    await target.waitForHits("GET", "/never");
    fixture.user.requestStop(false);
    target.releaseHanging();
    expect((await call).text).toBe("released");
    expect(fixture.events).toHaveLength(1);
  });
});

const openssl = hasOpenssl("the FastHttp TLS tests");
let tls: Certificate;

beforeAll(async () => {
  if (openssl) tls = await createSelfSignedCertificate();
});

describe.skipIf(!openssl)("TLS with a self-signed certificate", () => {
  test("works by default (insecure, like Locust's FastHttpUser) over one kept-alive connection", async () => {
    await using target = startHttpTarget({ tls });
    using fixture = createFastFixture(target.url);
    expect((await fixture.client.get("/ultra_fast")).text).toBe("This is an ultra fast response");
    const echo = (await fixture.client.post("/echo", { json: { secure: true } })).json<{ body: string }>();
    expect(echo.body).toBe('{"secure":true}');
    expect(fixture.events.map((e) => e.exception)).toEqual([null, null]);
    expect(fixture.client.connectionCount).toBe(1);
  });

  test("insecure also accepts a certificate that names another host (Bun reports it as a failed handshake)", async () => {
    await using target = startHttpTarget({ tls: await createSelfSignedCertificate("localhost") });
    using fixture = createFastFixture(target.url);
    expect([(await fixture.client.get("/ultra_fast")).status, (await fixture.client.get("/ultra_fast", { verify: true })).error?.name]).toEqual([200, "SSLError"]);
  });

  test("is refused with insecure = false, as a status-0 SSLError failure", async () => {
    await using target = startHttpTarget({ tls });
    using fixture = createFastFixture(target.url, { insecure: false });
    const response = await fixture.client.get("/ultra_fast");
    expect([response.status, response.error?.name]).toEqual([0, "SSLError"]);
    expect(response.error!.message).toContain(`127.0.0.1:${target.port}`);
    expect(response.error!.message).not.toContain("\n");
    expect(fixture.events[0]!.exception).toBe(response.error);
    expect(target.requests).toHaveLength(0);
  });

  test("a request's verify option overrides the user's setting, on connections of its own", async () => {
    await using target = startHttpTarget({ tls });
    using strict = createFastFixture(target.url, { insecure: false });
    expect((await strict.client.get("/ultra_fast", { verify: false })).status).toBe(200);
    using lax = createFastFixture(target.url);
    expect((await lax.client.get("/ultra_fast", { verify: true })).error?.name).toBe("SSLError");
    expect((await lax.client.get("/ultra_fast")).status).toBe(200);
  });
});
