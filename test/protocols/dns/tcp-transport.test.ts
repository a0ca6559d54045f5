import { describe, expect, test } from "bun:test";
import type { Socket } from "bun";
import { exchangeTcp } from "../../../src/protocols/dns/tcp-transport.ts";

const QUERY = new Uint8Array([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);

/** A TCP server that hands every received chunk to `onData`. */
function listen(onData: (socket: Socket, bytes: Uint8Array) => void) {
  return Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data: onData } });
}

describe("exchangeTcp", () => {
  test("sends the 2-byte length prefix and reassembles a reply split across writes", async () => {
    const received: number[] = [];
    const reply = new Uint8Array([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 7, 7]);
    const server = listen((socket, bytes) => {
      received.push(...bytes);
      const framed = [reply.length >> 8, reply.length & 0xff, ...reply];
      for (const byte of framed) socket.write(new Uint8Array([byte]));
      socket.flush();
    });
    const result = await exchangeTcp(QUERY, "127.0.0.1", server.port, AbortSignal.timeout(5000));
    server.stop(true);
    expect(received).toEqual([0, QUERY.length, ...QUERY]);
    expect([...result]).toEqual([...reply]);
  });

  test("rejects when the server closes without a reply", async () => {
    const server = listen((socket) => socket.end());
    const exchange = exchangeTcp(QUERY, "127.0.0.1", server.port, AbortSignal.timeout(5000));
    await expect(exchange).rejects.toThrow("closed the TCP connection before replying");
    server.stop(true);
  });

  test("rejects with the abort reason when aborted while waiting", async () => {
    const controller = new AbortController();
    const server = listen(() => controller.abort(new Error("stopping")));
    await expect(exchangeTcp(QUERY, "127.0.0.1", server.port, controller.signal)).rejects.toThrow("stopping");
    server.stop(true);
  });
});
