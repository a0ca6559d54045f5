import { describe, expect, test } from "bun:test";
import type { udp } from "bun";
import { UdpTransport } from "../../../src/protocols/dns/udp-transport.ts";

type UdpData = (socket: udp.Socket<"buffer">, bytes: Buffer, port: number, address: string) => void;

/** A UDP socket on 127.0.0.1 that `await using` closes (Bun's types lack its dispose method). */
async function openUdpServer(data: UdpData = () => {}): Promise<udp.Socket<"buffer"> & AsyncDisposable> {
  const socket = await Bun.udpSocket({ hostname: "127.0.0.1", socket: { data } });
  return Object.assign(socket, { [Symbol.asyncDispose]: async () => socket.close() });
}

const QUERY = new Uint8Array([0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);

describe("UdpTransport", () => {
  test("resolves with the reply that carries the query's id from the queried port", async () => {
    await using echo = await openUdpServer((socket, bytes, port, address) => void socket.send(bytes, port, address));
    const transport = new UdpTransport();
    const reply = await transport.exchange(QUERY.slice(), "127.0.0.1", echo.port, AbortSignal.timeout(5000));
    await transport.close();
    expect([...reply.subarray(2)]).toEqual([...QUERY.subarray(2)]);
  });

  test("ignores a reply with another id and resolves with the matching one", async () => {
    await using server = await openUdpServer((socket, bytes, port, address) => {
      const wrong = new Uint8Array([...bytes, 0xee]);
      wrong[0]! ^= 0xff;
      socket.send(wrong, port, address);
      socket.send(new Uint8Array([...bytes, 0x01]), port, address);
    });
    const transport = new UdpTransport();
    const reply = await transport.exchange(QUERY.slice(), "127.0.0.1", server.port, AbortSignal.timeout(5000));
    await transport.close();
    expect(reply.at(-1)).toBe(0x01);
  });

  test("close rejects queries still waiting", async () => {
    const arrived = Promise.withResolvers<void>();
    await using silent = await openUdpServer(() => arrived.resolve());
    const transport = new UdpTransport();
    const exchange = transport.exchange(QUERY.slice(), "127.0.0.1", silent.port, new AbortController().signal);
    await arrived.promise;
    await transport.close();
    await expect(exchange).rejects.toThrow("DNS client closed");
  });
});
