import { describe, expect, test } from "bun:test";
import { TransportError } from "../../../src/protocols/http/index.ts";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { ConnectionRefusedError, ConnectionResetError, toTransportError } from "../../../src/protocols/fasthttp/transport-error.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("toTransportError", () => {
  test.each([
    ["ECONNREFUSED", withCode("Failed to connect", "ECONNREFUSED"), "ConnectionRefusedError", "Connection refused"],
    ["ECONNRESET", withCode("read ECONNRESET", "ECONNRESET"), "ConnectionResetError", "Connection reset by peer"],
    ["EPIPE", withCode("broken pipe", "EPIPE"), "BrokenPipeError", "Broken pipe"],
    ["ETIMEDOUT", withCode("timed out", "ETIMEDOUT"), "TimeoutError", "Connection timed out: h:1"],
    ["a certificate error", withCode("self signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"), "SSLError", "TLS error with h:1: self signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["ENOTFOUND", withCode("getaddrinfo failed", "ENOTFOUND"), "gaierror", "Name or service not known"],
    ["a non-error value", "weird", "ConnectionError", "weird: h:1"],
  ])("maps %s to %s", (_, input, name, message) => {
    const error = toTransportError(input, "h:1");
    expect(error).toBeInstanceOf(TransportError);
    expect([error.name, error.message]).toEqual([name, message]);
  });

  test("refused and reset read as in Locust's failures table, and keep their classes for retry decisions", () => {
    const refused = toTransportError(withCode("Failed to connect", "ECONNREFUSED"), "h:1");
    const reset = toTransportError(withCode("read ECONNRESET", "ECONNRESET"), "h:1");
    expect(refused).toBeInstanceOf(ConnectionRefusedError);
    expect(reset).toBeInstanceOf(ConnectionResetError);
    expect([formatErrorRepr(refused), formatErrorRepr(reset)]).toEqual([
      "ConnectionRefusedError(111, 'Connection refused')",
      "ConnectionResetError(104, 'Connection reset by peer')",
    ]);
  });

  test("keeps an error that already is a TransportError", () => {
    const error = new TransportError("X", "y");
    expect(toTransportError(error, "h:1")).toBe(error);
  });
});
