import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { BodyTooLargeError } from "../../../src/protocols/fasthttp/index.ts";
import { type RawExchange, startRawTcpServer } from "../../support/raw-tcp-server.ts";
import { createFastFixture } from "./session-fixture.ts";

const MiB = 1024 * 1024;
const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

function gzipResponse(exchange: RawExchange, body: Uint8Array): void {
  exchange.write(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`);
  exchange.write(body);
}

describe("a body that decodes past maxBodySize", () => {
  const bomb = zlib.gzipSync(new Uint8Array(8 * MiB)); // ~8 KB on the wire

  test("is a counted BodyTooLargeError failure, and the user's next request succeeds", async () => {
    await using server = startRawTcpServer((x) => (x.requestLine.includes("/bomb") ? gzipResponse(x, bomb) : x.write(OK)));
    using fixture = createFastFixture(server.url, { maxBodySize: MiB });
    const bad = await fixture.client.get("/bomb");
    expect([bad.status, bad.content, bad.error?.name]).toEqual([0, null, "BodyTooLargeError"]);
    expect(bad.error).toBeInstanceOf(BodyTooLargeError);
    expect(bad.error!.message).toBe(`Response body larger than maxBodySize (${MiB} bytes) once decoded (gzip)`);
    expect((await fixture.client.get("/good")).text).toBe("ok");
    expect(fixture.events.map((e) => [e.name, e.exception === null])).toEqual([["/bomb", false], ["/good", true]]);
  });

  test("fails a streamed body's reader the same way", async () => {
    await using server = startRawTcpServer((x) => gzipResponse(x, bomb));
    using fixture = createFastFixture(server.url, { maxBodySize: MiB });
    const response = await fixture.client.get("/bomb", { stream: true });
    expect(response.status).toBe(200);
    await expect(new Response(response.body).bytes()).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  test("a body within the limit decodes as before", async () => {
    await using server = startRawTcpServer((x) => gzipResponse(x, bomb));
    using fixture = createFastFixture(server.url, { maxBodySize: 8 * MiB });
    expect((await fixture.client.get("/")).content!.length).toBe(8 * MiB);
  });
});

describe("a plain body longer than maxBodySize", () => {
  test.each([
    ["announced by Content-Length", `HTTP/1.1 200 OK\r\nContent-Length: ${2 * MiB}\r\n\r\n`],
    ["sent chunked", `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(2 * MiB).toString(16)}\r\n`],
  ])("%s is a counted BodyTooLargeError failure", async (_, head) => {
    await using server = startRawTcpServer((x) => {
      x.write(head);
      x.write(new Uint8Array(2 * MiB).fill(46));
    });
    using fixture = createFastFixture(server.url, { maxBodySize: MiB });
    const response = await fixture.client.get("/");
    expect([response.status, response.error?.name]).toEqual([0, "BodyTooLargeError"]);
    expect(fixture.events[0]!.exception).toBe(response.error);
  });
});

describe("the timeout bounds the whole response", () => {
  test("an endless run of 100 Continue heads fails in time", async () => {
    let flooding: ReturnType<typeof setInterval> | undefined;
    await using server = startRawTcpServer((x) => {
      flooding = setInterval(() => x.write("HTTP/1.1 100 Continue\r\n\r\n"), 5);
    });
    using fixture = createFastFixture(server.url);
    const response = await fixture.client.get("/", { timeout: 0.2 });
    clearInterval(flooding);
    expect([response.status, response.error?.name]).toEqual([0, "TimeoutError"]);
    expect(response.error!.message).toBe(`Response from 127.0.0.1:${server.port} not complete within 0.2 s (network timeout)`);
  });

  test("a body trickling one byte at a time fails in time", async () => {
    let trickle: ReturnType<typeof setInterval> | undefined;
    await using server = startRawTcpServer((x) => {
      x.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
      trickle = setInterval(() => x.write("."), 10);
    });
    using fixture = createFastFixture(server.url, { networkTimeout: 0.2 });
    const response = await fixture.client.get("/");
    clearInterval(trickle);
    expect([response.status, response.error?.name]).toEqual([0, "TimeoutError"]);
    expect(fixture.events[0]!.exception).toBe(response.error);
  });

  test("a streamed body may last longer than the timeout while bytes keep coming", async () => {
    await using server = startRawTcpServer(async (x) => {
      x.write("HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n");
      for (let i = 0; i < 30; i++) {
        await Bun.sleep(10);
        x.write(".");
      }
    });
    using fixture = createFastFixture(server.url);
    const response = await fixture.client.get("/", { stream: true, timeout: 0.1 });
    expect(await new Response(response.body).text()).toBe(".".repeat(30));
  });
});
