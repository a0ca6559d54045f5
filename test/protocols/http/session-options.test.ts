import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { MISSING_HOST_MESSAGE } from "../../../src/protocols/http-shared/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "./session-fixture.ts";

interface Echo {
  method: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  bodyLength: number;
}

describe("request options", () => {
  test("json is serialised with application/json; data wins over json", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const json = (await client.post("/echo", { json: { a: [1, "b"], n: null } })).json<Echo>();
    expect(json.body).toBe('{"a":[1,"b"],"n":null}');
    expect(json.headers["content-type"]).toBe("application/json");
    const both = (await client.post("/echo", { json: { a: 1 }, data: "raw" })).json<Echo>();
    expect(both.body).toBe("raw");
    expect(both.headers["content-type"]).toBeUndefined();
  });

  test("data as a string, bytes, an ArrayBuffer and a form object", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const text = (await client.post("/echo", { data: "héllo" })).json<Echo>();
    const bytes = (await client.post("/echo", { data: new Uint8Array([104, 105]) })).json<Echo>();
    const buffer = (await client.post("/echo", { data: new Uint8Array([1, 2, 3]).buffer })).json<Echo>();
    const form = (await client.post("/echo", { data: { user: "a b", tags: ["x", "y"], on: true } })).json<Echo>();
    expect([text.body, text.bodyLength]).toEqual(["héllo", 6]);
    expect(bytes.body).toBe("hi");
    expect(buffer.bodyLength).toBe(3);
    expect(form.body).toBe("user=a+b&tags=x&tags=y&on=true");
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  test("request headers override session headers; a Headers object works too; an explicit Content-Type is kept", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    client.headers.set("x-session", "s");
    client.headers.set("x-both", "session");
    const echo = (await client.post("/echo", { headers: { "X-Both": "request" }, json: {} })).json<Echo>();
    expect([echo.headers["x-session"], echo.headers["x-both"]]).toEqual(["s", "request"]);
    const typed = (await client.post("/echo", { headers: new Headers({ "content-type": "application/vnd+json" }), json: 1 })).json<Echo>();
    expect(typed.headers["content-type"]).toBe("application/vnd+json");
  });

  test("per-request cookies are sent with the jar's and not stored", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    await client.get("/set-cookie?kept=1&shadowed=jar");
    const echo = (await client.get("/echo", { cookies: { once: "2", shadowed: "request" } })).json<Echo>();
    expect(echo.headers.cookie).toBe("kept=1; once=2; shadowed=request");
    const later = (await client.get("/echo")).json<Echo>();
    expect(later.headers.cookie).toBe("kept=1; shadowed=jar");
  });

  test("an explicit Cookie header replaces the jar's cookies", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    await client.get("/set-cookie?kept=1");
    const echo = (await client.get("/echo", { headers: { cookie: "mine=1" } })).json<Echo>();
    expect(echo.headers.cookie).toBe("mine=1");
  });

  test("auth sends Basic credentials; without it the protected route answers 401 and counts as a failure", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    expect((await client.get("/basic-auth/bob/pw", { auth: ["bob", "pw"] })).status).toBe(200);
    expect((await client.get("/basic-auth/bob/pw")).status).toBe(401);
    expect(events.map((e) => e.exception === null)).toEqual([true, false]);
  });

  test("credentials in the host authenticate every request and leave the URL", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url.replace("http://", "http://bob:pw@"));
    expect(client.baseUrl).toBe(target.url);
    expect((await client.get("/basic-auth/bob/pw")).status).toBe(200);
    expect((await client.get("/basic-auth/eve/x", { auth: ["eve", "x"] })).status).toBe(200);
    expect(events.map((e) => e.url)).toEqual([`${target.url}/basic-auth/bob/pw`, `${target.url}/basic-auth/eve/x`]);
  });

  test("allowRedirects false returns the redirect itself, a success", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/redirect", { allowRedirects: false });
    expect([response.status, response.headers.get("location"), response.history.length]).toEqual([302, "/ultra_fast", 0]);
    expect(target.hits("GET", "/ultra_fast")).toBe(0);
    expect(events[0]!.exception).toBeNull();
  });

  test("head does not follow redirects unless asked", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    expect((await client.head("/redirect")).status).toBe(302);
    expect((await client.head("/redirect", { allowRedirects: true })).status).toBe(200);
    expect(target.hits("HEAD", "/ultra_fast")).toBe(1);
  });
});

describe("bad requests fail loudly instead of being reported", () => {
  test("a relative URL without any host throws Locust's missing-host LocustError", async () => {
    const { client, events } = createSessionFixture(undefined);
    await expect(client.get("/x")).rejects.toThrow(new LocustError(MISSING_HOST_MESSAGE));
    expect(events).toHaveLength(0);
  });

  test("an unusable URL and a GET with a body throw LocustError", async () => {
    const { client, events } = createSessionFixture("http://[::1");
    await expect(client.get("/x")).rejects.toBeInstanceOf(LocustError);
    await expect(client.get("http://127.0.0.1:1/", { data: "body" })).rejects.toThrow("cannot send a body with GET");
    expect(events).toHaveLength(0);
  });
});
