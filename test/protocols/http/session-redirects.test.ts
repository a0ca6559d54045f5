import { describe, expect, test } from "bun:test";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "./session-fixture.ts";

interface Echo {
  method: string;
  body: string;
  headers: Record<string, string>;
}

describe("redirects over a real server", () => {
  test.each([
    [301, "POST", "GET", ""],
    [302, "POST", "GET", ""],
    [303, "PUT", "GET", ""],
    [307, "POST", "POST", "payload"],
    [308, "PUT", "PUT", "payload"],
  ])("%d after %s arrives as %s with body %p", async (code, method, arrivedAs, body) => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.request(method, `/redirect?url=/echo&code=${code}`, { data: "payload" });
    const echo = response.json<Echo>();
    expect([echo.method, echo.body]).toEqual([arrivedAs, body]);
    expect(response.history.map((r) => r.status)).toEqual([code]);
    expect(response.url).toBe(`${target.url}/echo`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ requestType: method, name: `/redirect?url=/echo&code=${code}`, exception: null });
    expect(target.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} /redirect`, `${arrivedAs} /echo`]);
  });

  test("a chain is followed to the end with the whole history", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/redirect-chain/3");
    expect(response.text).toBe("end of chain");
    expect(response.history.map((r) => new URL(r.url).pathname)).toEqual(["/redirect-chain/3", "/redirect-chain/2", "/redirect-chain/1"]);
    expect(events.map((e) => e.name)).toEqual(["/redirect-chain/3"]);
    expect(events[0]!.responseLength).toBe("end of chain".length);
  });

  test("more redirects than maxRedirects is a status-0 TooManyRedirects failure", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    client.maxRedirects = 2;
    const response = await client.get("/redirect-chain/5");
    expect(response.status).toBe(0);
    expect(response.error!.name).toBe("TooManyRedirects");
    expect(response.history).toHaveLength(2);
    expect(events[0]!.exception).toBe(response.error);
    expect(target.requests).toHaveLength(3);
  });

  test.each([
    ["a Location that is no URL", "http://[::1", "InvalidURL", "Invalid redirect URL 'http://[::1' from "],
    ["a file: URL", "file:///etc/hostname", "InvalidSchema", "No connection adapters were found for 'file:///etc/hostname'"],
    ["a data: URL", "data:text/plain,hello", "InvalidSchema", "No connection adapters were found for 'data:text/plain,hello'"],
  ])("a redirect to %s is a counted status-0 failure, and the session goes on", async (_, location, errorName, message) => {
    using server = Bun.serve({
      port: 0,
      fetch: (request) => (new URL(request.url).pathname === "/bad" ? new Response(null, { status: 302, headers: { location } }) : new Response("ok")),
    });
    const { client, events } = createSessionFixture(server.url.origin);
    const response = await client.get("/bad");
    expect([response.status, response.error?.name, response.text]).toEqual([0, errorName, ""]);
    expect(response.error!.message).toStartWith(message);
    expect((await client.get("/ok")).text).toBe("ok");
    expect(events.map((e) => [e.name, (e.exception as Error | null)?.name ?? null])).toEqual([["/bad", errorName], ["/ok", null]]);
  });

  test("cookies set by a redirect response are sent to its target and kept", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const echo = (await client.get("/redirect-set-cookie?token=abc")).json<Echo>();
    expect(echo.headers.cookie).toBe("token=abc");
    expect(client.cookies.get("token")).toBe("abc");
    expect((await client.get("/echo")).json<Echo>().headers.cookie).toBe("token=abc");
  });

  test("cookies persist across requests of one user and are not shared with another", async () => {
    await using target = startHttpTarget();
    const first = createSessionFixture(target.url);
    const second = createSessionFixture(target.url);
    await first.client.get("/set-cookie?session=one");
    const echoes = [await first.client.get("/echo"), await second.client.get("/echo")].map((r) => r.json<Echo>());
    expect(echoes.map((e) => e.headers.cookie ?? "none")).toEqual(["session=one", "none"]);
  });
});
