import { describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { RouterSocket } from "../../../../src/core/runner/transport/index.ts";
import { encodeCommand, encodeGreeting, encodeMultipart } from "../../../../src/core/runner/transport/zmtp-frames.ts";
import { startRecordingRouter } from "../../../support/recording-router.ts";
import { connectRawPeer, handshakeBytes, type RawZmtpPeer } from "../../../support/zmtp-raw-peer.ts";
import { waitFor } from "../../../support/wait-for.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const isMessage = (text: string) => (e: { kind: string; parts?: Uint8Array[] }) =>
  e.kind === "message" && new TextDecoder().decode(e.parts![0]) === text;

/** A raw DEALER that completed its handshake with the router. */
async function handshaken(port: number, identity: string | Uint8Array): Promise<RawZmtpPeer> {
  const peer = await connectRawPeer(port);
  peer.write(handshakeBytes("DEALER", identity));
  await peer.waitForEvent((e) => e.kind === "command" && e.command.name === "READY");
  return peer;
}

describe("peers and routing", () => {
  test("a peer is known by its identity: messages arrive tagged with it and replies reach it", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    await using peer = await handshaken(router.port, "worker-1");
    peer.write(encodeMultipart([ascii("hello")]));
    await waitFor(() => log.messages.length === 1);
    expect(log.messages).toEqual([["worker-1", "hello"]]);
    expect(router.identities).toEqual(["worker-1"]);
    expect(router.send("worker-1", ascii("hi"))).toBe(true);
    await peer.waitForEvent(isMessage("hi"));
    expect(router.send("nobody", ascii("lost"))).toBe(false);
  });

  test("the router answers READY as libzmq does: Socket-Type ROUTER and an empty Identity", async () => {
    const { router } = await startRecordingRouter();
    await using _ = router;
    await using peer = await handshaken(router.port, "w");
    expect(peer.events.slice(0, 2)).toEqual([
      { kind: "greeting", greeting: { major: 3, minor: 1, mechanism: "NULL", asServer: false } },
      { kind: "command", command: { name: "READY", properties: new Map([["Socket-Type", ascii("ROUTER")], ["Identity", new Uint8Array(0)]]) } },
    ]);
  });

  test("a PING gets a PONG echoing its context, and the peer stays connected", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    await using peer = await handshaken(router.port, "w");
    peer.write(encodeCommand("PING", Uint8Array.of(0, 20, ...ascii("ctx"))));
    const pong = await peer.waitForEvent((e) => e.kind === "command" && e.command.name === "PONG");
    expect(pong).toEqual({ kind: "command", command: { name: "PONG", context: ascii("ctx") } });
    peer.write(encodeMultipart([ascii("still here")]));
    await waitFor(() => log.messages.length === 1);
    expect(log.protocolErrors).toEqual([]);
  });

  test("a peer with an empty identity gets libzmq's generated 5-byte id", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    await using peer = await handshaken(router.port, "");
    peer.write(encodeMultipart([ascii("anon")]));
    await waitFor(() => log.messages.length === 1);
    const [identity] = log.messages[0]!;
    expect(identity).toHaveLength(5);
    expect(identity.charCodeAt(0)).toBe(0);
    router.send(identity, ascii("back"));
    await peer.waitForEvent(isMessage("back"));
  });

  test("multi-frame messages are not Locust messages: ignored, and the peer stays connected", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    await using peer = await handshaken(router.port, "w");
    peer.write(encodeMultipart([ascii("a"), ascii("b")]));
    peer.write(encodeMultipart([ascii("single")]));
    await waitFor(() => log.messages.length === 1);
    expect(log.messages).toEqual([["w", "single"]]);
  });

  test("a second connection with a live identity takes it over and the first one is closed", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    await using first = await handshaken(router.port, "same");
    await using second = await handshaken(router.port, "same");
    await first.waitForClose();
    expect(log.peers).toEqual(["open:same", "close:same", "open:same"]);
    router.send("same", ascii("to the newer one"));
    await second.waitForEvent(isMessage("to the newer one"));
    expect(router.identities).toEqual(["same"]);
  });

  test("disconnect closes one peer and reports it; close() closes every peer", async () => {
    const { router, log } = await startRecordingRouter();
    await using a = await handshaken(router.port, "a");
    await using b = await handshaken(router.port, "b");
    await router.disconnect("a");
    await a.waitForClose();
    expect(log.peers).toEqual(["open:a", "open:b", "close:a"]);
    expect(b.isClosed).toBe(false);
    await router.close();
    await b.waitForClose();
    expect(log.peers).toEqual(["open:a", "open:b", "close:a", "close:b"]);
  });
});

test("close() cuts a peer that stopped reading once the linger is over", async () => {
  const { router, log } = await startRecordingRouter({ lingerMs: 50 });
  const client = connect(router.port, "127.0.0.1");
  await new Promise((resolve) => client.once("connect", resolve));
  client.write(handshakeBytes("DEALER", "stalled"));
  await waitFor(() => log.peers.includes("open:stalled"));
  client.pause();
  // Far more than loopback socket buffers hold, so the write stays queued.
  expect(router.send("stalled", new Uint8Array(16 * 1024 * 1024))).toBe(true);
  await router.close();
  expect(log.peers).toEqual(["open:stalled", "close:stalled"]);
  client.destroy();
});

describe("protocol errors drop only the offending connection", () => {
  test.each([
    ["an HTTP client", () => ascii("GET / HTTP/1.1\r\n\r\n"), "not a ZMTP peer (bad greeting signature)"],
    ["a message frame before READY", () => Buffer.concat([encodeGreeting(), encodeMultipart([ascii("early")])]), "message frame before READY"],
    ["a non-UTF-8 identity", () => handshakeBytes("DEALER", Uint8Array.of(0xff, 0xfe)), "routing id (Identity) is not valid UTF-8"],
    ["a PUB socket", () => handshakeBytes("PUB", "w"), 'peer socket type "PUB" cannot talk to a ROUTER'],
    ["an oversized frame", () => Buffer.concat([handshakeBytes("DEALER", "w"), encodeMultipart([new Uint8Array(2000)])]), "frame of 2000 bytes exceeds the 1024-byte message limit"],
  ])("%s is dropped with one onProtocolError while a good peer keeps working", async (_, bytes, reason) => {
    const { router, log } = await startRecordingRouter({ maxMessageSize: 1024 });
    await using __ = router;
    await using good = await handshaken(router.port, "good");
    await using bad = await connectRawPeer(router.port);
    bad.write(new Uint8Array(bytes()));
    await bad.waitForClose();
    await waitFor(() => log.protocolErrors.length > 0);
    expect(log.protocolErrors).toEqual([[expect.stringMatching(/^127\.0\.0\.1:\d+$/), reason]]);
    good.write(encodeMultipart([ascii("fine")]));
    router.send("good", ascii("fine too"));
    await good.waitForEvent(isMessage("fine too"));
    await waitFor(() => log.messages.length === 1);
    expect(log.peers).toEqual(["open:good"]);
  });

  test("a peer of the wrong socket type is told why with an ERROR command", async () => {
    const { router } = await startRecordingRouter();
    await using _ = router;
    await using peer = await connectRawPeer(router.port);
    peer.write(handshakeBytes("PUB", "w"));
    const error = await peer.waitForEvent((e) => e.kind === "command" && e.command.name === "ERROR");
    expect(error).toEqual({ kind: "command", command: { name: "ERROR", reason: "Invalid socket type" } });
  });

  test("a client that never completes the handshake is dropped after the handshake timeout", async () => {
    const { router, log } = await startRecordingRouter({ handshakeTimeoutMs: 50 });
    await using _ = router;
    await using silent = await connectRawPeer(router.port);
    await silent.waitForClose();
    expect(log.protocolErrors.map(([, reason]) => reason)).toEqual(["handshake timed out"]);
  });
});

test("listening on a port in use fails with one line naming host:port", async () => {
  const { router } = await startRecordingRouter();
  await using _ = router;
  const second = RouterSocket.listen({ hostname: "127.0.0.1", port: router.port, onMessage() {} });
  await expect(second).rejects.toThrow(`cannot listen on 127.0.0.1:${router.port}: the address is already in use`);
});
