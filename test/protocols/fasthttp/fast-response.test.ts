import { describe, expect, test } from "bun:test";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { BadStatusCode, FastResponse, isSuccessStatus } from "../../../src/protocols/fasthttp/fast-response.ts";
import { ResponseParser } from "../../../src/protocols/fasthttp/response-parser.ts";
import { ConnectionRefusedError } from "../../../src/protocols/fasthttp/transport-error.ts";

const sent = { method: "GET", headerLines: "User-Agent: t\r\nAccept: */*\r\n" };

function parsed(wire: string) {
  const parser = new ResponseParser();
  parser.start(false);
  parser.feed(Uint8Array.from(wire, (c) => c.charCodeAt(0)));
  return parser.response;
}

describe("isSuccessStatus", () => {
  test("accepts exactly geventhttpclient's valid codes", () => {
    const accepted = Array.from({ length: 500 }, (_, i) => 100 + i).filter(isSuccessStatus);
    expect(accepted).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 301, 302, 303, 304, 307, 308]);
  });
});

describe("FastResponse", () => {
  test("exposes status, reason, headers, text and json from the parsed response", () => {
    const response = new FastResponse(parsed('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"a": 1}'), null, "http://h/x", 1.5, sent);
    expect([response.status, response.statusCode, response.reason, response.ok, response.elapsed]).toEqual([201, 201, "Created", true, 1.5]);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect([response.text, response.json<{ a: number }>().a, response.contentLength]).toEqual(['{"a": 1}', 1, 8]);
    expect(response.defaultFailure()).toBeNull();
    expect(response.history).toEqual([]);
  });

  test("a status outside the allowed set is a BadStatusCode naming the url and code", () => {
    const response = new FastResponse(parsed("HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n"), null, "http://h/x", 1, sent);
    const failure = response.defaultFailure();
    expect(failure).toBeInstanceOf(BadStatusCode);
    expect([failure!.name, failure!.message]).toEqual(["BadStatusCode", "URL http://h/x: code=300"]);
    // Locust's failures table shows geventhttpclient's repr, with the code as a keyword.
    expect(formatErrorRepr(failure)).toBe("BadStatusCode('http://h/x', code=300)");
    expect(() => response.raiseForStatus()).toThrow(failure!.message);
  });

  test("a transport failure is status 0 with no content, and its error is the failure", () => {
    const error = new ConnectionRefusedError("Connection refused: h:80");
    const response = new FastResponse(null, null, "http://h/x", 2, sent, error);
    expect([response.status, response.content, response.text, response.contentLength, response.ok, response.reason]).toEqual([0, null, "", 0, false, ""]);
    expect(response.defaultFailure()).toBe(error);
  });

  test("uses the decoded body when given, and the charset of Content-Type", () => {
    const decoded = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    const response = new FastResponse(parsed("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 3\r\n\r\nzzz"), decoded, "http://h/", 1, sent);
    expect([response.text, response.contentLength]).toEqual(["café", 4]);
  });

  test("describes the request as sent", () => {
    const response = new FastResponse(null, null, "http://h/x", 0, sent, new Error("x"));
    const request = response.request;
    expect([request.method, request.url, request.headers.get("user-agent"), request.headers.get("accept")]).toEqual(["GET", "http://h/x", "t", "*/*"]);
  });
});
