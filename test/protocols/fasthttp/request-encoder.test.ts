import { describe, expect, test } from "bun:test";
import { ConnectionPool } from "../../../src/protocols/fasthttp/pool.ts";
import { RequestEncoder, defaultBody, encodeRequest, formatHeaderLines } from "../../../src/protocols/fasthttp/request-encoder.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const pool = new ConnectionPool({ connectionTimeout: 1, insecure: true, concurrency: 1 });

describe("encodeRequest", () => {
  test("writes the request line, Host, header lines and the blank line", () => {
    expect(text(encodeRequest("GET", "/a?b=1", "h:8080", "X-A: 1\r\n", null))).toBe("GET /a?b=1 HTTP/1.1\r\nHost: h:8080\r\nX-A: 1\r\n\r\n");
  });

  test("appends the body after a Content-Length counting its bytes", () => {
    const body = new TextEncoder().encode("héllo");
    expect(text(encodeRequest("POST", "/", "h", "", body))).toBe("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\nhéllo");
    expect(text(encodeRequest("POST", "/", null, "", defaultBody("POST")))).toBe("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    expect(defaultBody("GET")).toBeNull();
  });

  test("refuses header names and values that would split the head", () => {
    expect(() => formatHeaderLines([["X-A", "1\r\nX-B: 2"]])).toThrow("Invalid request header");
    expect(() => formatHeaderLines([["X:A", "1"]])).toThrow("Invalid request header");
    expect(formatHeaderLines([["X-A", "1"], ["X-B", "2"]])).toBe("X-A: 1\r\nX-B: 2\r\n");
  });
});

describe("RequestEncoder", () => {
  test("encodes a method and URL once and returns the same bytes for the same URL string", () => {
    const encoder = new RequestEncoder("User-Agent: t\r\n");
    const url = new URL("http://example.test:8080/path?q=1");
    const hop = encoder.prepare("GET", "/path?q=1", url, pool.forUrl(url));
    expect(text(hop.bytes)).toBe("GET /path?q=1 HTTP/1.1\r\nHost: example.test:8080\r\nUser-Agent: t\r\n\r\n");
    expect(encoder.lookup("GET", "/path?q=1")).toBe(hop);
    expect(encoder.lookup("POST", "/path?q=1")).toBeUndefined();
    const post = encoder.prepare("POST", "/path?q=1", url, pool.forUrl(url));
    expect(text(post.bytes)).toContain("Content-Length: 0\r\n");
    expect(encoder.lookup("POST", "/path?q=1")).toBe(post);
  });

  test("forgets prepared requests when the fixed headers change", () => {
    const encoder = new RequestEncoder("");
    const url = new URL("http://example.test/");
    encoder.prepare("GET", "/", url, pool.forUrl(url));
    encoder.setFixedLines("X-New: 1\r\n");
    expect(encoder.lookup("GET", "/")).toBeUndefined();
    expect(text(encoder.prepare("GET", "/", url, pool.forUrl(url)).bytes)).toContain("X-New: 1\r\n");
  });

  test("stays bounded when a session requests many distinct URLs", () => {
    const encoder = new RequestEncoder("");
    const url = new URL("http://example.test/");
    for (let i = 0; i < 200; i++) encoder.prepare("GET", `/item/${i}`, url, pool.forUrl(url));
    const cached = Array.from({ length: 200 }, (_, i) => encoder.lookup("GET", `/item/${i}`)).filter(Boolean);
    expect(cached.length).toBeLessThanOrEqual(64);
    expect(encoder.lookup("GET", "/item/199")).toBeDefined();
  });
});
