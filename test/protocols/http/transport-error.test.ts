import { expect, test } from "bun:test";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { TransportError, toTransportError } from "../../../src/protocols/http/index.ts";

const withCode = (code: string, message: string) => Object.assign(new TypeError(message), { code });

test.each([
  ["ECONNREFUSED", "ConnectionRefusedError(111, 'Connection refused')"],
  ["ConnectionRefused", "ConnectionRefusedError(111, 'Connection refused')"],
  ["ECONNRESET", "ConnectionResetError(104, 'Connection reset by peer')"],
  ["EPIPE", "BrokenPipeError(32, 'Broken pipe')"],
])("socket fault %s is reported as Locust reports the OSError: %s", (code, repr) => {
  const error = toTransportError(withCode(code, "Unable to connect. Is the computer able to access the url?"));
  expect(formatErrorRepr(error)).toBe(repr);
  expect(error.code).toBe(code);
});

test.each([
  ["ENOTFOUND", "getaddrinfo ENOTFOUND x.invalid", "NameResolutionError", "getaddrinfo ENOTFOUND x.invalid"],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate", "SSLError", "DEPTH_ZERO_SELF_SIGNED_CERT: self signed certificate"],
  ["EWHATEVER", "odd", "ConnectionError", "EWHATEVER: odd"],
])("code %s becomes %s", (code, message, name, text) => {
  const error = toTransportError(withCode(code, message));
  expect([error.name, error.message, error.code]).toEqual([name, text, code]);
  expect(error).toBeInstanceOf(TransportError);
});

test("a timeout becomes ReadTimeout with requests' message", () => {
  const error = toTransportError(new DOMException("The operation timed out.", "TimeoutError"), 2.5);
  expect([error.name, error.message]).toEqual(["ReadTimeout", "Read timed out. (read timeout=2.5)"]);
});

test("an error without a code is a ConnectionError and keeps the original as cause", () => {
  const original = new Error("mystery");
  const error = toTransportError(original);
  expect([error.name, error.message, error.cause]).toEqual(["ConnectionError", "mystery", original]);
  expect(toTransportError(error)).toBe(error);
});
