import { expect, test } from "bun:test";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { TransportError, toTransportError } from "../../../src/protocols/http-shared/index.ts";

const URL = "http://127.0.0.1:8089/x";
const withCode = (code: string, message: string) => Object.assign(new TypeError(message), { code });

test.each([
  ["ECONNREFUSED", "ConnectionRefusedError(111, 'Connection refused')"],
  ["ConnectionRefused", "ConnectionRefusedError(111, 'Connection refused')"],
  ["ECONNRESET", "ConnectionResetError(104, 'Connection reset by peer')"],
  ["EPIPE", "BrokenPipeError(32, 'Broken pipe')"],
  ["ENOTFOUND", "gaierror(-2, 'Name or service not known')"],
  ["EAI_AGAIN", "gaierror(-3, 'Temporary failure in name resolution')"],
])("socket fault %s is reported as Locust reports the OSError: %s", (code, repr) => {
  const error = toTransportError(withCode(code, "Unable to connect. Is the computer able to access the url?"), URL);
  expect(formatErrorRepr(error)).toBe(repr);
  expect(error.code).toBe(code);
});

test.each([
  ["DNSException", "DNS lookup failed", "NameResolutionError", "DNSException: DNS lookup failed"],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate", "SSLError", "DEPTH_ZERO_SELF_SIGNED_CERT: self signed certificate"],
  ["EWHATEVER", "odd", "ConnectionError", "EWHATEVER: odd"],
])("code %s becomes %s", (code, message, name, text) => {
  const error = toTransportError(withCode(code, message), URL);
  expect([error.name, error.message, error.code]).toEqual([name, text, code]);
  expect(error).toBeInstanceOf(TransportError);
});

test.each([
  ["http://127.0.0.1:8089/slow", 2.5, "HTTPConnectionPool(host='127.0.0.1', port=8089): Read timed out. (read timeout=2.5)"],
  ["https://Example.com/slow", 1, "HTTPSConnectionPool(host='example.com', port=443): Read timed out. (read timeout=1)"],
  ["http://[::1]/slow", 0.1, "HTTPConnectionPool(host='::1', port=80): Read timed out. (read timeout=0.1)"],
])("a timeout of %s becomes requests' ReadTimeout naming urllib3's pool", (url, seconds, message) => {
  const error = toTransportError(new DOMException("The operation timed out.", "TimeoutError"), url, seconds);
  expect([error.name, error.message]).toEqual(["ReadTimeout", message]);
  expect(formatErrorRepr(error)).toBe(`ReadTimeout(ReadTimeoutError("${message}"))`);
});

test("an error without a code is a ConnectionError and keeps the original as cause", () => {
  const original = new Error("mystery");
  const error = toTransportError(original, URL);
  expect([error.name, error.message, error.cause]).toEqual(["ConnectionError", "mystery", original]);
  expect(toTransportError(error, URL)).toBe(error);
});
