import { expect, test } from "bun:test";
import { encodeCancelRequest, sendCancelRequest } from "../../../src/protocols/postgres/cancel-request.ts";
import { freePort } from "../../support/free-port.ts";

test("a CancelRequest is 16 bytes: length, code 80877102, process id, secret key (big-endian)", () => {
  expect([...encodeCancelRequest(0x01020304, -1)]).toEqual([
    0, 0, 0, 16, 0x04, 0xd2, 0x16, 0x2e, 0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xff,
  ]);
});

test("sendCancelRequest writes the message on a fresh connection and closes it", async () => {
  const received: number[] = [];
  let closed: () => void = () => {};
  const done = new Promise<void>((resolve) => (closed = resolve));
  const server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: { data: (_, chunk) => void received.push(...chunk), close: () => closed() },
  });
  await sendCancelRequest({ host: "127.0.0.1", port: server.port, processId: 7, secretKey: 9 });
  await done;
  server.stop(true);
  expect(received).toEqual([...encodeCancelRequest(7, 9)]);
});

test("sendCancelRequest resolves even when nothing listens", async () => {
  expect(await sendCancelRequest({ host: "127.0.0.1", port: freePort(), processId: 1, secretKey: 1 })).toBeUndefined();
});
