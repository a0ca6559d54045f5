import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { formatBasicAuth } from "../../../src/protocols/http-shared/index.ts";
import { GZIP_TEXT, CHUNKS, patternBytes, startHttpTarget } from "../../support/http-target.ts";
import { createFastFixture } from "./session-fixture.ts";

const ULTRA_FAST = "This is an ultra fast response";

describe("requests and their events", () => {
  test("a GET returns the response and fires one event with Locust's fields", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    fixture.user.userContext = { tenant: "a" };
    const before = Date.now() / 1000;
    const response = await fixture.client.get("/ultra_fast", { context: { extra: 1 } });
    expect([response.status, response.statusCode, response.ok, response.reason, response.text]).toEqual([200, 200, true, "OK", ULTRA_FAST]);
    expect(response.headers.get("content-length")).toBe(String(ULTRA_FAST.length));
    expect(response.url).toBe(`${target.url}/ultra_fast`);
    expect(fixture.events).toHaveLength(1);
    const event = fixture.events[0]!;
    expect(event).toMatchObject({
      requestType: "GET",
      name: "/ultra_fast",
      responseLength: ULTRA_FAST.length,
      exception: null,
      context: { tenant: "a", extra: 1 },
      url: `${target.url}/ultra_fast`,
      response,
    });
    expect(event.responseTime).toBeGreaterThan(0);
    expect(event.startTime).toBeGreaterThanOrEqual(before - 0.01);
    expect(event.startTime).toBeLessThanOrEqual(Date.now() / 1000 + 0.01);
  });

  test("HEAD gets the headers without a body", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.head("/ultra_fast");
    expect([response.status, response.content?.length, fixture.events[0]!.responseLength]).toEqual([200, 0, 0]);
    expect(target.hits("HEAD", "/ultra_fast")).toBe(1);
  });

  test("the method is reported as given", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.request("DELETE", "/echo");
    await fixture.client.options("/echo");
    await fixture.client.put("/echo");
    await fixture.client.patch("/echo");
    expect(fixture.events.map((e) => e.requestType)).toEqual(["DELETE", "OPTIONS", "PUT", "PATCH"]);
    expect(target.requests.map((r) => r.method)).toEqual(["DELETE", "OPTIONS", "PUT", "PATCH"]);
  });
});

describe("request bodies and headers", () => {
  test("json is serialised with JSON Content-Type and Accept", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const echo = (await fixture.client.post("/echo", { json: { a: [1, 2] } })).json<{ body: string; headers: Record<string, string> }>();
    expect(echo.body).toBe('{"a":[1,2]}');
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.headers.accept).toBe("application/json");
  });

  test("data is sent as text, bytes or an url-encoded form, with the right Content-Length", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const { client } = fixture;
    type Echo = { body: string; bodyLength: number; headers: Record<string, string> };
    const text = (await client.post("/echo", { data: "héllo" })).json<Echo>();
    expect([text.body, text.bodyLength, text.headers["content-length"]]).toEqual(["héllo", 6, "6"]);
    const bytes = (await client.put("/echo", { data: new Uint8Array([104, 105]) })).json<Echo>();
    expect(bytes.body).toBe("hi");
    const form = (await client.patch("/echo", { data: { a: "1", b: ["x", "y"] } })).json<Echo>();
    expect([form.body, form.headers["content-type"]]).toEqual(["a=1&b=x&b=y", "application/x-www-form-urlencoded"]);
    const empty = (await client.post("/echo")).json<Echo>();
    expect([empty.bodyLength, empty.headers["content-length"]]).toEqual([0, "0"]);
  });

  test("sends the method upper-case and reports it as written", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const responses = [await fixture.client.request("get", "/echo"), await fixture.client.request("Post", "/echo", { data: "abc" })];
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(target.requests.map((r) => [r.method, r.bodyLength])).toEqual([["GET", 0], ["POST", 3]]);
    expect(fixture.events.map((e) => [e.requestType, e.exception])).toEqual([["get", null], ["Post", null]]);
  });

  test("default headers replace the built-in ones whatever their case", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url, { defaultHeaders: { "user-agent": "mine", "accept-encoding": "identity" } });
    const headers = (await fixture.client.get("/echo")).json<{ headers: Record<string, string> }>().headers;
    expect([headers["user-agent"], headers["accept-encoding"]]).toEqual(["mine", "identity"]);
  });

  test("host credentials replace an Authorization header; the auth option replaces both", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(`http://user:pw@127.0.0.1:${target.port}`);
    await fixture.client.get("/echo", { headers: { Authorization: "Bearer t" } });
    await fixture.client.get("/echo", { headers: { Authorization: "Bearer t" }, auth: ["other", "x"] });
    expect(target.requests.map((r) => r.headers.authorization)).toEqual([formatBasicAuth("user", "pw"), formatBasicAuth("other", "x")]);
  });

  test("sends Accept-Encoding and default headers unless the request overrides them", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url, { defaultHeaders: { "X-Default": "d", "X-Both": "default" } });
    const { client } = fixture;
    type Echo = { headers: Record<string, string> };
    const plain = (await client.get("/echo")).json<Echo>().headers;
    expect([plain["accept-encoding"], plain["x-default"], plain["x-both"], plain.host]).toEqual(["gzip, deflate, br", "d", "default", `127.0.0.1:${target.port}`]);
    const own = (await client.get("/echo", { headers: { "X-Both": "mine", "Accept-Encoding": "identity" } })).json<Echo>().headers;
    expect([own["x-both"], own["accept-encoding"], own["x-default"]]).toEqual(["mine", "identity", "d"]);
  });

  test("uploads a body larger than the socket buffer completely (short writes finished on drain)", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const size = 8 * 1024 * 1024;
    const response = await fixture.client.post("/echo", { data: patternBytes(size) });
    expect(response.json<{ bodyLength: number }>().bodyLength).toBe(size);
    expect(target.requests[0]!.bodyLength).toBe(size);
  });

  test("rejects a header value that would split the request head", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await expect(fixture.client.get("/echo", { headers: { "X-Bad": "a\r\nInjected: 1" } })).rejects.toThrow();
    expect(target.requests).toHaveLength(0);
  });
});

describe("cookies and auth", () => {
  test("credentials in the host and per-request auth become Basic auth", async () => {
    await using target = startHttpTarget();
    const host = target.url.replace("http://", "http://user:secret@");
    using fixture = createFastFixture(host);
    expect((await fixture.client.get("/basic-auth/user/secret")).text).toBe("authorized");
    expect((await fixture.client.get("/basic-auth/other/pw", { auth: ["other", "pw"] })).text).toBe("authorized");
    expect((await fixture.client.get("/basic-auth/user/wrong")).status).toBe(401);
    expect(fixture.events.map((e) => e.url)).toEqual([
      `${target.url}/basic-auth/user/secret`,
      `${target.url}/basic-auth/other/pw`,
      `${target.url}/basic-auth/user/wrong`,
    ]);
  });
});

describe("response bodies", () => {
  test("decodes gzip and reports the decoded length", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.get("/gzip");
    expect(response.text).toBe(GZIP_TEXT);
    expect(fixture.events[0]!.responseLength).toBe(GZIP_TEXT.length);
  });

  test.each([
    ["deflate", (data: Uint8Array) => zlib.deflateSync(data)],
    ["br", (data: Uint8Array) => zlib.brotliCompressSync(data)],
  ] as const)("decodes %s", async (encoding, compress) => {
    const text = `${encoding} body `.repeat(100);
    await using server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: () => new Response(new Uint8Array(compress(new TextEncoder().encode(text))), { headers: { "content-encoding": encoding } }),
    });
    using fixture = createFastFixture(`http://127.0.0.1:${server.port}`);
    expect((await fixture.client.get("/")).text).toBe(text);
  });

  test("a body that does not decompress is a status-0 zlib failure, and the next request still works", async () => {
    await using server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: (req) => new URL(req.url).pathname === "/bad" ? new Response("not gzip at all", { headers: { "content-encoding": "gzip" } }) : new Response("fine"),
    });
    using fixture = createFastFixture(`http://127.0.0.1:${server.port}`);
    const bad = await fixture.client.get("/bad");
    expect([bad.status, bad.content, bad.error?.name]).toEqual([0, null, "ZlibError"]);
    expect(fixture.events[0]!.exception).toBe(bad.error);
    expect((await fixture.client.get("/ok")).text).toBe("fine");
  });

  test("joins a chunked body", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.get("/chunked");
    expect(response.text).toBe(CHUNKS.join(""));
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
  });

  test("reads a 10 MB body to the exact byte", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const size = 10 * 1024 * 1024;
    const response = await fixture.client.get(`/bytes/${size}`);
    expect(response.content!.length).toBe(size);
    expect(Buffer.compare(response.content!, patternBytes(size))).toBe(0);
    expect(fixture.events[0]!.responseLength).toBe(size);
  });

  test("decodes text with the Content-Type charset", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    expect((await fixture.client.get("/latin1")).text).toBe("café");
  });
});

describe("redirects", () => {
  test("follows a redirect to another origin on a connection of its own", async () => {
    await using first = startHttpTarget();
    await using second = startHttpTarget();
    using fixture = createFastFixture(first.url);
    const response = await fixture.client.get(`/redirect?url=${encodeURIComponent(`${second.url}/ultra_fast`)}`);
    expect(response.text).toBe(ULTRA_FAST);
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    expect(fixture.client.connectionCount).toBe(2);
  });
});

test("the recorded events match what the server counted", async () => {
  await using target = startHttpTarget();
  using fixture = createFastFixture(target.url);
  const { client } = fixture;
  const plan = [
    ["GET", "/ultra_fast", 5],
    ["POST", "/echo", 3],
    ["GET", "/fail", 2],
    ["GET", "/status/404", 1],
  ] as const;
  await Promise.all(plan.flatMap(([method, path, count]) => Array.from({ length: count }, () => client.request(method, path, method === "POST" ? { json: {} } : undefined))));
  for (const [method, path, count] of plan) {
    const events = fixture.events.filter((e) => e.requestType === method && e.name === path);
    expect(events).toHaveLength(count);
    expect(target.hits(method, path)).toBe(count);
  }
  expect(fixture.events.filter((e) => e.exception).map((e) => e.name).sort()).toEqual(["/fail", "/fail", "/status/404"]);
  const fastBytes = fixture.events.filter((e) => e.name === "/ultra_fast").reduce((sum, e) => sum + e.responseLength, 0);
  expect(fastBytes).toBe(5 * ULTRA_FAST.length);
  expect(client.connectionCount).toBeLessThanOrEqual(10);
});
