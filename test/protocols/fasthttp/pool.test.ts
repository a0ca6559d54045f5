import { describe, expect, test } from "bun:test";
import { type RawExchange, startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { waitFor } from "../../support/wait-for.ts";
import { createFastFixture } from "./session-fixture.ts";

const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

/** A server that holds every answer until `release()`, recording request paths in arrival order. */
function holdingServer() {
  const held: RawExchange[] = [];
  const order: string[] = [];
  let maxOpen = 0;
  const server = startRawTcpServer((x) => {
    order.push(x.requestLine.split(" ")[1]!);
    maxOpen = Math.max(maxOpen, server.openConnections);
    held.push(x);
  });
  const release = () => {
    for (const x of held.splice(0)) x.write(OK);
  };
  return { server, held, order, release, maxOpen: () => maxOpen };
}

describe("the per-user connection pool", () => {
  test("never opens more than `concurrency` connections and serves waiting requests first come, first served", async () => {
    const { server, held, order, release, maxOpen } = holdingServer();
    await using _ = server;
    using fixture = createFastFixture(server.url, { concurrency: 3 });
    const calls = Array.from({ length: 10 }, (_, i) => fixture.client.get(`/${i}`));
    while (order.length < 10) {
      await waitFor(() => held.length === 3 || order.length === 10);
      expect(server.openConnections).toBeLessThanOrEqual(3);
      release();
      await waitFor(() => held.length > 0 || order.length === 10);
    }
    release();
    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.text)).toEqual(Array(10).fill("ok"));
    expect([server.connections, maxOpen()]).toEqual([3, 3]);
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => `/${i}`));
    expect(fixture.events).toHaveLength(10);
  });

  test("defaults to 10 connections per origin, like Locust", async () => {
    const { server, held, release } = holdingServer();
    await using _ = server;
    using fixture = createFastFixture(server.url);
    const calls = Array.from({ length: 12 }, (_, i) => fixture.client.get(`/${i}`));
    await waitFor(() => held.length === 10);
    expect(server.connections).toBe(10);
    release();
    await waitFor(() => held.length === 2);
    release();
    await Promise.all(calls);
    expect(server.connections).toBe(10);
  });

  test("a waiting request gets a fresh connection when a busy one fails", async () => {
    const server = startRawTcpServer((x) => (x.requestLine.includes("/fail") ? x.reset() : x.write(OK)));
    await using _ = server;
    using fixture = createFastFixture(server.url, { concurrency: 1 });
    const [failed, waited] = await Promise.all([fixture.client.get("/fail"), fixture.client.get("/after")]);
    expect(failed.status).toBe(0);
    expect(waited.text).toBe("ok");
    expect(server.connections).toBe(2);
  });

  test("closing the session closes its connections", async () => {
    const server = startRawTcpServer((x) => x.write(OK));
    await using _ = server;
    using fixture = createFastFixture(server.url);
    await Promise.all([fixture.client.get("/a"), fixture.client.get("/b")]);
    expect(fixture.client.connectionCount).toBe(2);
    fixture.client.close();
    expect(fixture.client.connectionCount).toBe(0);
    await waitFor(() => server.openConnections === 0);
  });
});
