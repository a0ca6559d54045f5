import { describe, expect, test } from "bun:test";
import { TransportError } from "../../../src/protocols/http/index.ts";
import { toTransportError } from "../../../src/protocols/fasthttp/transport-error.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("toTransportError", () => {
  test.each([
    ["ECONNREFUSED", withCode("Failed to connect", "ECONNREFUSED"), "ConnectionRefusedError", "Connection refused: h:1"],
    ["ECONNRESET", withCode("read ECONNRESET", "ECONNRESET"), "ConnectionResetError", "Connection reset by peer: h:1"],
    ["EPIPE", withCode("broken pipe", "EPIPE"), "ConnectionResetError", "Connection reset by peer: h:1"],
    ["ETIMEDOUT", withCode("timed out", "ETIMEDOUT"), "TimeoutError", "Connection timed out: h:1"],
    ["a certificate error", withCode("self signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"), "SSLError", "TLS error with h:1: self signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["ENOTFOUND", withCode("getaddrinfo failed", "ENOTFOUND"), "ConnectionError", "getaddrinfo failed (ENOTFOUND): h:1"],
    ["a non-error value", "weird", "ConnectionError", "weird: h:1"],
  ])("maps %s to %s", (_, input, name, message) => {
    const error = toTransportError(input, "h:1");
    expect(error).toBeInstanceOf(TransportError);
    expect([error.name, error.message]).toEqual([name, message]);
  });

  test("keeps an error that already is a TransportError", () => {
    const error = new TransportError("X", "y");
    expect(toTransportError(error, "h:1")).toBe(error);
  });
});
