import { expect, test } from "bun:test";
import { parseOrigin } from "../../../src/protocols/fasthttp/origin.ts";

test.each([
  ["http://example.test/a", { key: "http://example.test:80", tls: false, hostname: "example.test", port: 80, hostHeader: "example.test", target: "example.test:80" }],
  ["https://example.test/", { key: "https://example.test:443", tls: true, hostname: "example.test", port: 443, hostHeader: "example.test", target: "example.test:443" }],
  ["http://127.0.0.1:8089/x", { key: "http://127.0.0.1:8089", tls: false, hostname: "127.0.0.1", port: 8089, hostHeader: "127.0.0.1:8089", target: "127.0.0.1:8089" }],
  ["http://[::1]:9000/", { key: "http://[::1]:9000", tls: false, hostname: "::1", port: 9000, hostHeader: "[::1]:9000", target: "[::1]:9000" }],
])("parseOrigin(%s)", (url, origin) => {
  expect(parseOrigin(new URL(url))).toEqual(origin);
});
