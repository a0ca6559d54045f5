import { describe, expect, test } from "bun:test";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { HttpParseError } from "../../../src/protocols/fasthttp/index.ts";
import { TransportError } from "../../../src/protocols/http/index.ts";
import { freePort } from "../../support/free-port.ts";
import { type RawExchange, startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { waitFor } from "../../support/wait-for.ts";
import { createFastFixture } from "./session-fixture.ts";

const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

/** A server whose first connection gets `broken`, and every later request a proper "ok". */
function brokenFirst(broken: (exchange: RawExchange) => void) {
  return startRawTcpServer((exchange) => {
    if (exchange.connection === 0) broken(exchange);
    else exchange.write(OK);
  });
}

/** Runs one faulty request, then a good one on the same user; returns both responses and the events. */
async function faultThenRecovery(broken: (exchange: RawExchange) => void, settings = {}) {
  await using server = brokenFirst(broken);
  using fixture = createFastFixture(server.url, settings);
  const bad = await fixture.client.get("/bad");
  const good = await fixture.client.get("/good");
  return { bad, good, events: fixture.events, connections: server.connections };
}

describe("malformed responses fail the request, and the next request on the same user succeeds", () => {
  test.each([
    ["a bad status line", (x: RawExchange) => x.write("HTTP/1.1 OK\r\n\r\n"), "HttpParseError", "bad status line"],
    ["a bad header line", (x: RawExchange) => x.write("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"), "HttpParseError", "bad header line"],
    ["a bad chunk size", (x: RawExchange) => x.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\nabc\r\n"), "HttpParseError", "bad chunk size"],
    ["a body longer than Content-Length", (x: RawExchange) => x.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"), "HttpParseError", "5 bytes after the end of the response"],
    ["a body on a 304", (x: RawExchange) => x.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello"), "HttpParseError", "5 bytes after the end of a 304, which has no body"],
    ["a body shorter than Content-Length, then close", (x: RawExchange) => { x.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"); x.end(); }, "HttpParseError", "Connection closed after 3 of 10 body bytes"],
    ["a chunked body cut by close", (x: RawExchange) => { x.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"); x.end(); }, "HttpParseError", "middle of a chunked body"],
    ["a close before any byte", (x: RawExchange) => x.end(), "HTTPConnectionClosed", "Connection closed before any response byte"],
  ])("%s", async (_, broken, errorName, message) => {
    const { bad, good, events, connections } = await faultThenRecovery(broken);
    expect([bad.status, bad.content, bad.error?.name]).toEqual([0, null, errorName]);
    expect(bad.error!.message).toContain(message);
    expect(bad.error).toBeInstanceOf(TransportError);
    expect(events.map((e) => [e.name, e.exception === null])).toEqual([["/bad", false], ["/good", true]]);
    expect(events[0]!.exception).toBe(bad.error);
    expect(events[0]!.responseLength).toBe(0);
    expect(good.text).toBe("ok");
    expect(connections).toBe(2);
  });

  test("a reset in the middle of the body is a transport failure", async () => {
    const { bad, good } = await faultThenRecovery((x) => {
      x.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
      x.reset();
    });
    expect([bad.status, bad.error?.name]).toEqual([0, "ConnectionResetError"]);
    expect(formatErrorRepr(bad.error)).toBe("ConnectionResetError(104, 'Connection reset by peer')");
    expect(good.text).toBe("ok");
  });

  test("a server that never answers fails with a network timeout", async () => {
    const { bad, good } = await faultThenRecovery(() => {}, { networkTimeout: 0.1 });
    expect([bad.status, bad.error?.name]).toEqual([0, "TimeoutError"]);
    expect(bad.error!.message).toBe(`No response from 127.0.0.1:${new URL(bad.url).port} within 0.1 s (network timeout)`);
    expect(good.text).toBe("ok");
  });

  test("a per-request timeout overrides the network timeout", async () => {
    await using server = brokenFirst(() => {});
    using fixture = createFastFixture(server.url);
    const response = await fixture.client.get("/slow", { timeout: 0.05 });
    expect(response.error?.message).toContain("within 0.05 s");
  });

  test("bytes that arrive while no request is pending drop the connection, not the next request", async () => {
    await using server = startRawTcpServer((x) => {
      x.write(OK);
      if (x.connection === 0) setTimeout(() => x.write("garbage"), 5);
    });
    using fixture = createFastFixture(server.url);
    expect((await fixture.client.get("/a")).text).toBe("ok");
    await waitFor(() => fixture.client.connectionCount === 0);
    expect((await fixture.client.get("/b")).text).toBe("ok");
    expect(fixture.events.every((e) => e.exception === null)).toBe(true);
  });
});

test("a redirect whose Location is no URL is a counted InvalidURL failure; the connection stays usable", async () => {
  await using server = startRawTcpServer((x) =>
    x.write(x.requestLine.startsWith("GET /bad") ? "HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n" : OK),
  );
  using fixture = createFastFixture(server.url);
  const bad = await fixture.client.get("/bad");
  expect([bad.status, bad.error?.name, bad.error?.message]).toEqual([0, "InvalidURL", `Invalid redirect URL 'http://[::1' from ${server.url}/bad`]);
  expect((await fixture.client.get("/good")).text).toBe("ok");
  expect(fixture.events.map((e) => (e.exception as Error | null)?.name ?? null)).toEqual(["InvalidURL", null]);
  expect(server.connections).toBe(1);
});

test("a response that arrives before the request body is written (413 to an upload) retires the connection", async () => {
  // Answers the head of POST /upload at once; every other request only once its body has fully arrived.
  const received: string[] = [];
  using server = Bun.listen<{ buffer: string; bodyLeft: number }>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open: (socket) => void (socket.data = { buffer: "", bodyLeft: 0 }),
      data(socket, chunk) {
        const state = socket.data;
        state.buffer += chunk.toString("latin1");
        for (;;) {
          if (state.bodyLeft > 0) {
            const taken = Math.min(state.bodyLeft, state.buffer.length);
            state.bodyLeft -= taken;
            state.buffer = state.buffer.slice(taken);
            if (state.bodyLeft > 0) return;
          }
          const end = state.buffer.indexOf("\r\n\r\n");
          if (end < 0) return;
          const head = state.buffer.slice(0, end);
          state.buffer = state.buffer.slice(end + 4);
          state.bodyLeft = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          received.push(head.split("\r\n", 1)[0]!);
          socket.write(head.startsWith("POST /upload") ? "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n" : OK);
        }
      },
    },
  });
  using fixture = createFastFixture(`http://127.0.0.1:${server.port}`, { networkTimeout: 2 });
  const upload = await fixture.client.post("/upload", { data: new Uint8Array(16 * 1024 * 1024) });
  const after = await fixture.client.get("/after");
  expect([upload.status, after.status, after.text]).toEqual([413, 200, "ok"]);
  expect(received).toContain("GET /after HTTP/1.1");
});

describe("connection errors", () => {
  test("a refused connection is a status-0 ConnectionRefusedError failure with a one-line message", async () => {
    const port = freePort();
    using fixture = createFastFixture(`http://127.0.0.1:${port}`);
    const response = await fixture.client.get("/");
    expect([response.status, response.content, response.error?.name]).toEqual([0, null, "ConnectionRefusedError"]);
    expect(formatErrorRepr(response.error)).toBe("ConnectionRefusedError(111, 'Connection refused')");
    expect(fixture.events).toHaveLength(1);
    expect(fixture.events[0]).toMatchObject({ name: "/", exception: response.error, responseLength: 0 });
  });

  test("a connection that is not established in time fails with the connection timeout", async () => {
    // A silent TCP server never completes the TLS handshake, so the connection stays unestablished.
    await using server = startRawTcpServer(() => {});
    using fixture = createFastFixture(server.url.replace("http:", "https:"), { connectionTimeout: 0.1 });
    const response = await fixture.client.get("/");
    expect([response.status, response.error?.name]).toEqual([0, "TimeoutError"]);
    expect(response.error!.message).toBe(`Connection to 127.0.0.1:${server.port} timed out after 0.1 s`);
    expect(fixture.client.connectionCount).toBe(0);
  });

  test("maxRetries retries connection errors on fresh connections", async () => {
    await using server = startRawTcpServer((x) => (x.connection < 2 ? x.reset() : x.write(OK)));
    using fixture = createFastFixture(server.url, { maxRetries: 2 });
    const response = await fixture.client.get("/");
    expect(response.text).toBe("ok");
    expect(server.connections).toBe(3);
    expect(fixture.events).toHaveLength(1);
    expect(fixture.events[0]!.exception).toBeNull();
  });

  test("without retries the first connection error is the result", async () => {
    await using server = startRawTcpServer((x) => (x.connection < 1 ? x.reset() : x.write(OK)));
    using fixture = createFastFixture(server.url);
    expect((await fixture.client.get("/")).status).toBe(0);
    expect(server.connections).toBe(1);
  });

  test("a keep-alive connection the server drops just as a request arrives is retried once on a fresh one", async () => {
    await using server = startRawTcpServer((x) => (x.requestOnConnection === 0 ? x.write(OK) : x.end()));
    using fixture = createFastFixture(server.url);
    expect((await fixture.client.get("/1")).text).toBe("ok");
    expect((await fixture.client.get("/2")).text).toBe("ok");
    expect(fixture.events.map((e) => e.exception)).toEqual([null, null]);
    expect(server.connections).toBe(2);
  });
});

describe("connection reuse", () => {
  test("keeps one connection alive across requests", async () => {
    await using server = startRawTcpServer((x) => x.write(OK));
    using fixture = createFastFixture(server.url);
    for (let i = 0; i < 5; i++) expect((await fixture.client.get(`/${i}`)).text).toBe("ok");
    expect([server.connections, server.requests]).toEqual([1, 5]);
  });

  test("never reuses a connection after Connection: close", async () => {
    await using server = startRawTcpServer((x) => x.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
    using fixture = createFastFixture(server.url);
    for (let i = 0; i < 3; i++) expect((await fixture.client.get("/")).text).toBe("ok");
    expect(server.connections).toBe(3);
  });

  test("reads an HTTP/1.0 body until close", async () => {
    await using server = startRawTcpServer((x) => {
      x.write("HTTP/1.0 200 OK\r\n\r\nuntil the end");
      x.end();
    });
    using fixture = createFastFixture(server.url);
    expect((await fixture.client.get("/")).text).toBe("until the end");
    expect((await fixture.client.get("/")).text).toBe("until the end");
    expect(server.connections).toBe(2);
  });

  test("skips an interim 100 Continue", async () => {
    await using server = startRawTcpServer((x) => x.write("HTTP/1.1 100 Continue\r\n\r\n" + OK));
    using fixture = createFastFixture(server.url);
    expect((await fixture.client.post("/", { data: "x" })).text).toBe("ok");
  });

  test("a parse error is an HttpParseError that a caller can recognise", async () => {
    const { bad } = await faultThenRecovery((x) => x.write("garbage\r\n\r\n"));
    expect(bad.error).toBeInstanceOf(HttpParseError);
    expect(() => bad.raiseForStatus()).toThrow("bad status line");
  });
});
