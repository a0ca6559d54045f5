import { describe, expect, test } from "bun:test";
import { createSessionFixture } from "./session-fixture.ts";

describe("redirects HttpSession refuses", () => {
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
});
