import { describe, expect, test } from "bun:test";
import { CHUNKS, GZIP_TEXT, patternBytes, startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "./session-fixture.ts";

describe("request events", () => {
  test("every event matches what the server received: count, method, path and body size", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get("/echo");
    await client.post("/echo", { data: "hello" });
    await client.put("/echo", { json: { a: 1 } });
    await client.patch("/echo", { data: new Uint8Array(7) });
    await client.delete("/echo");
    await client.options("/echo");
    await client.head("/echo");
    await client.request("get", "/echo");
    await client.request("Post", "/echo", { data: "abc" });
    expect(events.map((e) => e.requestType)).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "get", "Post"]);
    expect(target.requests.map((r) => r.method)).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "GET", "POST"]);
    expect(target.requests.map((r) => r.bodyLength)).toEqual([0, 5, 7, 7, 0, 0, 0, 0, 3]);
    expect(target.requests.every((r) => r.path === "/echo")).toBe(true);
    for (const event of events) {
      const response = event.response as { content: Uint8Array | null };
      expect(event.responseLength).toBe(response.content?.length ?? -1);
      expect(event.responseTime).toBeGreaterThan(0);
      expect(event.startTime! * 1000).toBeLessThanOrEqual(Date.now());
      expect(event.url).toBe(`${target.url}/echo`);
    }
    expect(events[6]!.responseLength).toBe(0); // HEAD
  });

  test("context merges user.context() with the request's context", async () => {
    await using target = startHttpTarget();
    const { client, user, events } = createSessionFixture(target.url);
    user.userContext = { user: "u1", shared: "user" };
    await client.get("/ultra_fast", { context: { shared: "request", extra: 1 } });
    await client.get("/ultra_fast");
    expect(events.map((e) => e.context)).toEqual([{ user: "u1", shared: "request", extra: 1 }, { user: "u1", shared: "user" }]);
  });
});

describe("bodies", () => {
  test("a 10 MB body arrives whole and its length is reported exactly", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const size = 10 * 1024 * 1024;
    const response = await client.get(`/bytes/${size}`);
    expect(response.content!.length).toBe(size);
    expect(response.content!.subarray(size - 3)).toEqual(patternBytes(size).subarray(size - 3));
    expect(events[0]!.responseLength).toBe(size);
  });

  test("gzip is decoded and the decoded length is reported", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/gzip");
    expect(response.text).toBe(GZIP_TEXT);
    expect(events[0]!.responseLength).toBe(GZIP_TEXT.length);
  });

  test("a chunked body is read whole", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/chunked");
    expect(response.text).toBe(CHUNKS.join(""));
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(events[0]!.responseLength).toBe(CHUNKS.join("").length);
  });

  test("stream leaves the body unread and reports Content-Length, or 0 without one", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const sized = await client.get("/bytes/1000", { stream: true });
    const unsized = await client.get("/chunked", { stream: true });
    expect(events.map((e) => e.responseLength)).toEqual([1000, 0]);
    expect(sized.content).toBeNull();
    expect((await new Response(sized.body).bytes()).length).toBe(1000);
    expect(await new Response(unsized.body).text()).toBe(CHUNKS.join(""));
  });

  test("text honours the charset and json() parses", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    expect((await client.get("/latin1")).text).toBe("café");
    expect((await client.get("/rest")).json<{ items: number[] }>().items).toEqual([1, 2, 3]);
  });
});
