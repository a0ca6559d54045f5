import { expect, test } from "bun:test";
import { CONNECTION_SOCKET_HANDLER, ZmtpConnection } from "../../../../src/core/runner/transport/zmtp-connection.ts";
import { encodeGreeting, encodeReady } from "../../../../src/core/runner/transport/zmtp-frames.ts";
import { waitFor } from "../../../support/wait-for.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

/** Connects a DEALER connection to a server that sends its greeting but never its READY. */
async function connectToStalledPeer(onOpen: (connection: ZmtpConnection) => void) {
  const received: Uint8Array[] = [];
  let serverSawClose = false;
  await using server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open: (socket) => void socket.write(encodeGreeting()),
      data: (_, chunk) => void received.push(new Uint8Array(chunk)),
      close: () => void (serverSawClose = true),
    },
  });
  const closes: (string | undefined)[] = [];
  const connection = new ZmtpConnection({
    socketType: "DEALER",
    identity: ascii("w1"),
    maxMessageSize: 1024,
    handshakeTimeoutMs: 50,
    handlers: { onReady() {}, onMessage() {}, onClose: (_, failure) => void closes.push(failure) },
  });
  await Bun.connect({
    hostname: "127.0.0.1",
    port: server.port,
    data: connection,
    socket: { ...CONNECTION_SOCKET_HANDLER, open: (socket) => (socket.data.attach(socket), onOpen(socket.data)) },
  });
  await waitFor(() => serverSawClose);
  return { bytes: Buffer.concat(received), closes };
}

test("greeting and READY go out at once; a message waits for the peer's READY, which here never comes", async () => {
  const { bytes, closes } = await connectToStalledPeer((connection) => {
    expect(connection.send([ascii("too early")])).toBe(true);
  });
  expect(bytes).toEqual(Buffer.concat([encodeGreeting(), encodeReady("DEALER", ascii("w1"))]));
  expect(closes).toEqual(["handshake timed out"]);
});

test("a connection that is closing refuses new messages", async () => {
  let refused: boolean | undefined;
  await connectToStalledPeer((connection) => {
    void connection.close();
    refused = !connection.send([ascii("late")]);
  });
  expect(refused).toBe(true);
});
