import { describe, expect, test } from "bun:test";
import { HttpParseError } from "../../../src/protocols/fasthttp/http-parse-error.ts";
import type { ParsedResponse } from "../../../src/protocols/fasthttp/parsed-response.ts";
import { ResponseParser } from "../../../src/protocols/fasthttp/response-parser.ts";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** Feeds `wire` in pieces of `step` bytes; returns the response and the offset returned by the last feed. */
function parse(wire: string, step = wire.length, noBody = false): { res: ParsedResponse; end: number; parser: ResponseParser } {
  const parser = new ResponseParser();
  parser.start(noBody);
  const data = bytes(wire);
  let end = -1;
  for (let at = 0; at < data.length && end < 0; at += step) {
    const piece = data.subarray(at, Math.min(at + step, data.length));
    end = parser.feed(piece);
    if (end >= 0) end += at;
  }
  return { res: parser.response, end, parser };
}

function parseError(wire: string, step = wire.length): string {
  try {
    const { parser } = parse(wire, step);
    parser.finish();
  } catch (err) {
    expect(err).toBeInstanceOf(HttpParseError);
    return (err as Error).message;
  }
  throw new Error("expected a parse error");
}

const CONTENT_LENGTH = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
const CHUNKED =
  "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nwiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\n\r\n";

describe("ResponseParser", () => {
  test.each([1, 2, 3, 7, 1000])("parses a Content-Length response fed %d bytes at a time", (step) => {
    const { res, end } = parse(CONTENT_LENGTH, step);
    expect(end).toBe(CONTENT_LENGTH.length);
    expect(res.status).toBe(200);
    expect(res.reason).toBe("OK");
    expect(text(res.body)).toBe("hello");
    expect(res.contentLength).toBe(5);
    expect(res.keepAlive).toBe(true);
    expect(res.headers.get("content-type")).toBe("text/plain");
  });

  test.each([1, 2, 5, 1000])("parses a chunked response with extensions and trailers fed %d bytes at a time", (step) => {
    const { res, end } = parse(CHUNKED, step);
    expect(end).toBe(CHUNKED.length);
    expect(res.status).toBe(201);
    expect(res.chunked).toBe(true);
    expect(text(res.body)).toBe("wikipedia in\r\n\r\nchunks.");
    expect(res.headers.get("x-trailer")).toBe("yes");
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
  });

  test("reads a body without length until the connection closes, and does not keep the connection", () => {
    const { res, end, parser } = parse("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it", 4);
    expect(end).toBe(-1);
    parser.finish();
    expect(parser.done).toBe(true);
    expect(text(res.body)).toBe("all of it");
    expect(res.keepAlive).toBe(false);
  });

  test("expects no body after HEAD, 204 and 304 even with a Content-Length", () => {
    const head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n";
    expect(parse(head, 1000, true).end).toBe(head.length);
    for (const status of ["204 No Content", "304 Not Modified"]) {
      const wire = `HTTP/1.1 ${status}\r\nContent-Length: 10\r\n\r\n`;
      const { res, end } = parse(wire);
      expect(end).toBe(wire.length);
      expect(res.body.length).toBe(0);
    }
  });

  test("skips an interim 100 Continue response, also when split across chunks", () => {
    const wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    for (const step of [1, 3, 1000]) {
      const { res, end } = parse(wire, step);
      expect([res.status, text(res.body), end]).toEqual([200, "ok", wire.length]);
      expect(res.headers.get("content-length")).toBe("2");
    }
  });

  test("reports the offset of bytes after the end of the response", () => {
    const { end } = parse(CONTENT_LENGTH + "EXTRA");
    expect(end).toBe(CONTENT_LENGTH.length);
  });

  test("keeps HTTP/1.0 connections only with Connection: keep-alive, and never with Connection: close", () => {
    expect(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").res.keepAlive).toBe(false);
    expect(parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").res.keepAlive).toBe(true);
    expect(parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").res.keepAlive).toBe(false);
    expect(parse("HTTP/1.1 200 OK\r\nconnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n").res.keepAlive).toBe(false);
  });

  test("records Content-Encoding and Set-Cookie, and materialises repeated Set-Cookie headers", () => {
    const wire = "HTTP/1.1 200 OK\r\nContent-Encoding: GZIP\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n";
    const { res } = parse(wire);
    expect(res.contentEncoding).toBe("gzip");
    expect(res.hasSetCookie).toBe(true);
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  test.each([1, 100, 5000])("parses long header lines fed %d bytes at a time", (step) => {
    const cookie = "c=" + "x".repeat(2000);
    const wire = `HTTP/1.1 200 OK\r\nSet-Cookie: ${cookie}\r\nX-Long: ${"y".repeat(300)}\r\nContent-Length: 1\r\n\r\n!`;
    const { res, end } = parse(wire, step);
    expect(end).toBe(wire.length);
    expect(res.headers.getSetCookie()).toEqual([cookie]);
    expect(res.headers.get("x-long")!.length).toBe(300);
    expect(text(res.body)).toBe("!");
  });

  test("accepts bare LF line endings", () => {
    const { res, end } = parse("HTTP/1.1 404 Not Found\nContent-Length: 3\n\nnope");
    expect([res.status, res.reason, text(res.body), end]).toEqual([404, "Not Found", "nop", 45]);
  });

  test("collects a large body split over many chunks into one exact buffer", () => {
    const body = "x".repeat(100_000);
    const { res, end } = parse(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 4096);
    expect(end).toBeGreaterThan(0);
    expect(res.body.length).toBe(100_000);
  });

  test("hands body pieces to the sink when streaming", () => {
    const parser = new ResponseParser();
    const pieces: string[] = [];
    parser.sink = (piece) => pieces.push(text(piece));
    parser.start(false);
    expect(parser.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"))).toBe(-1);
    expect(parser.headComplete).toBe(true);
    expect(parser.feed(bytes("2\r\nde\r\n0\r\n\r\n"))).toBe(12);
    expect(pieces).toEqual(["abc", "de"]);
    expect(parser.response.body.length).toBe(0);
  });

  test.each([
    ["a status line that is not HTTP", "FTP/1.1 200 OK\r\n\r\n", 'bad status line "FTP/1.1 200 OK"'],
    ["a status code that is not three digits", "HTTP/1.1 20 OK\r\n\r\n", "bad status line"],
    ["a header line without a colon", "HTTP/1.1 200 OK\r\nBroken header\r\n\r\n", 'bad header line "Broken header"'],
    ["whitespace before the colon", "HTTP/1.1 200 OK\r\nName : v\r\n\r\n", "bad header line"],
    ["a non-numeric Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", 'bad Content-Length "12a"'],
    ["conflicting Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "bad Content-Length"],
    ["a chunk size that is not hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 'bad chunk size "zz"'],
    ["chunk data longer than its size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "chunk data longer than its size"],
    ["a body shorter than Content-Length before close", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "after 3 of 10 body bytes"],
    ["a chunked body cut by close", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "middle of a chunked body"],
    ["a head cut by close", "HTTP/1.1 200 OK\r\nContent-Le", "middle of the response head"],
  ])("rejects %s with a clear message", (_, wire, message) => {
    for (const step of [1, 1000]) expect(parseError(wire, step)).toContain(message);
  });

  test("reports a connection closed before any byte", () => {
    const parser = new ResponseParser();
    parser.start(false);
    expect(parser.receivedAny).toBe(false);
    expect(() => parser.finish()).toThrow("Connection closed before any response byte");
  });

  test("bounds the size of the response head, also when it arrives in small pieces", () => {
    const huge = `HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(70_000)}\r\n\r\n`;
    expect(parseError(huge)).toContain("response head larger than 65536 bytes");
    expect(parseError(huge, 1024)).toContain("response head larger than 65536 bytes");
  });

  test("parses the next response after start() on the same parser", () => {
    const parser = new ResponseParser();
    parser.start(false);
    parser.feed(bytes(CONTENT_LENGTH));
    const first = parser.response;
    parser.start(false);
    parser.feed(bytes("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1\r\n\r\n!"));
    expect([first.status, text(first.body)]).toEqual([200, "hello"]);
    expect([parser.response.status, parser.response.reason, text(parser.response.body)]).toEqual([500, "Internal Server Error", "!"]);
  });
});
