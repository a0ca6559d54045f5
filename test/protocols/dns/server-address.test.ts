import { describe, expect, test } from "bun:test";
import { parseDnsServer } from "../../../src/protocols/dns/server-address.ts";

describe("parseDnsServer", () => {
  test.each([
    ["dns://127.0.0.1:5353", { transport: "udp", host: "127.0.0.1", port: 5353 }],
    ["udp://10.0.0.1", { transport: "udp", host: "10.0.0.1", port: 53 }],
    ["tcp://[::1]:5300", { transport: "tcp", host: "::1", port: 5300 }],
    ["127.0.0.1", { transport: "udp", host: "127.0.0.1", port: 53 }],
    ["127.0.0.1:5353", { transport: "udp", host: "127.0.0.1", port: 5353 }],
    ["::1", { transport: "udp", host: "::1", port: 53 }],
    ["[::1]:5353", { transport: "udp", host: "::1", port: 5353 }],
    ["dns://ns.example.com", { transport: "udp", host: "ns.example.com", port: 53 }],
    [
      "https://dns.example.com/dns-query",
      { transport: "doh", host: "dns.example.com", port: 443, url: "https://dns.example.com/dns-query" },
    ],
  ])("parses %s", (text, expected) => {
    expect(parseDnsServer(text)).toEqual(expected as ReturnType<typeof parseDnsServer>);
  });

  test.each(["ftp://127.0.0.1", "http://127.0.0.1/dns-query", "dns://"])("rejects %s naming the accepted forms", (text) => {
    expect(() => parseDnsServer(text)).toThrow("use dns://IP[:port], tcp://IP[:port] or https://host/dns-query");
  });
});
