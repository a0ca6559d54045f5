import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { BadStatusCode } from "../../../src/protocols/fasthttp/index.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { waitFor } from "../../support/wait-for.ts";
import { createFastFixture } from "./session-fixture.ts";

/** Frames `pieces` as a chunked body (bytes, so a piece may end inside a UTF-8 character). */
function chunked(pieces: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const ascii = (text: string) => new TextEncoder().encode(text);
  for (const piece of pieces) parts.push(ascii(`${piece.length.toString(16)}\r\n`), piece, ascii("\r\n"));
  parts.push(ascii("0\r\n\r\n"));
  return Buffer.concat(parts);
}

/** A raw server streaming `text` as a chunked body in pieces of `size` bytes; `/gzip` gzips it first; `/missing` is a 404. */
function startLineServer(text: string, size = 5) {
  return startRawTcpServer((x) => {
    const path = x.requestLine.split(" ")[1];
    if (path === "/missing") return x.write("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
    const gzip = path === "/gzip";
    const bytes = gzip ? new Uint8Array(zlib.gzipSync(text)) : new TextEncoder().encode(text);
    const pieces = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
    x.write(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n${gzip ? "Content-Encoding: gzip\r\n" : ""}\r\n`);
    x.write(chunked(pieces));
  });
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("iterLines", () => {
  test("yields decoded lines as they arrive, across piece boundaries, with \\r\\n and a last unterminated line", async () => {
    await using server = startLineServer("first line\nsecond\r\nthird\n\nfourth, no newline — ünïcode", 3);
    using fixture = createFastFixture(server.url);
    const lines = await collect(fixture.client.iterLines("/lines"));
    expect(lines).toEqual(["first line", "second", "third", "", "fourth, no newline — ünïcode"]);
    expect(fixture.events).toHaveLength(1);
    expect(fixture.events[0]).toMatchObject({ requestType: "GET", name: "/lines", exception: null, responseLength: 0 });
  });

  test("decodes a gzip-encoded stream", async () => {
    await using server = startLineServer("a\nb\nc");
    using fixture = createFastFixture(server.url);
    expect(await collect(fixture.client.iterLines("/gzip"))).toEqual(["a", "b", "c"]);
  });

  test("throws the failure of a bad status, after reporting it", async () => {
    await using server = startLineServer("");
    using fixture = createFastFixture(server.url);
    await expect(collect(fixture.client.iterLines("/missing"))).rejects.toBeInstanceOf(BadStatusCode);
    expect(fixture.events[0]!.exception).toBeInstanceOf(BadStatusCode);
  });

  test("leaving the loop early closes the connection of an endless stream", async () => {
    await using server = startRawTcpServer((x) => {
      x.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nline1\n\r\n6\r\nline2\n\r\n");
    });
    using fixture = createFastFixture(server.url);
    const seen: string[] = [];
    for await (const line of fixture.client.iterLines("/events")) {
      seen.push(line);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["line1", "line2"]);
    await waitFor(() => server.openConnections === 0);
    expect(fixture.client.connectionCount).toBe(0);
  });
});

describe("stream option", () => {
  test("returns at the head: content is null, body is a stream, responseLength is the Content-Length", async () => {
    await using server = startRawTcpServer((x) => x.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    using fixture = createFastFixture(server.url);
    const response = await fixture.client.get("/", { stream: true });
    expect(response.content).toBeNull();
    expect(fixture.events[0]!.responseLength).toBe(5);
    expect(await new Response(response.body).text()).toBe("hello");
    expect((await fixture.client.get("/")).text).toBe("hello");
    expect(server.connections).toBe(1);
  });

  test("a streamed response without Content-Length reports length 0", async () => {
    await using server = startLineServer("x");
    using fixture = createFastFixture(server.url);
    const response = await fixture.client.get("/", { stream: true });
    expect(fixture.events[0]!.responseLength).toBe(0);
    expect(await new Response(response.body).text()).toBe("x");
  });
});
