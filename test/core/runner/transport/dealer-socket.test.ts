import { describe, expect, test } from "bun:test";
import { DealerSocket, type DealerSocketOptions, type DealerState } from "../../../../src/core/runner/transport/index.ts";
import { RouterSocket } from "../../../../src/core/runner/transport/index.ts";
import { freePort } from "../../../support/free-port.ts";
import { startRecordingRouter } from "../../../support/recording-router.ts";
import { waitFor } from "../../../support/wait-for.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A dealer that records what it receives and every state change. */
function recordingDealer(port: number, options: Partial<DealerSocketOptions> = {}) {
  const received: string[] = [];
  const states: string[] = [];
  const dealer = new DealerSocket({
    host: "127.0.0.1",
    port,
    identity: "w1",
    onMessage: (payload) => received.push(text(payload)),
    onStateChange: (state: DealerState, reason?: string) => states.push(reason ? `${state}: ${reason}` : state),
    ...options,
  });
  return { dealer, received, states };
}

describe("talking to a router", () => {
  test("messages flow both ways; one sent before connecting waits for the handshake", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    const { dealer, received, states } = recordingDealer(router.port);
    await using __ = dealer;
    expect(dealer.send(ascii("client_ready"))).toBe(true);
    await dealer.connect();
    await waitFor(() => log.messages.length === 1);
    expect(log.messages).toEqual([["w1", "client_ready"]]);
    router.send("w1", ascii("ack"));
    await waitFor(() => received.length === 1);
    expect(received).toEqual(["ack"]);
    expect(states).toEqual(["connecting", "connected"]);
  });

  test("an 8 MB message goes each way intact through write back-pressure", async () => {
    const payload = new Uint8Array(8 * 1024 * 1024);
    for (let offset = 0; offset < payload.length; offset += 65536) crypto.getRandomValues(payload.subarray(offset, offset + 65536));
    const atRouter: Uint8Array[] = [];
    const { router, log } = await startRecordingRouter({ onMessage: (_, p) => atRouter.push(p) });
    await using _ = router;
    const atDealer: Uint8Array[] = [];
    await using dealer = new DealerSocket({ host: "127.0.0.1", port: router.port, identity: "w1", onMessage: (p) => atDealer.push(p) });
    await dealer.connect();
    // The dealer is connected once the router's READY arrived; the router knows the dealer once the dealer's did.
    await waitFor(() => log.peers.includes("open:w1"));
    dealer.send(payload);
    router.send("w1", payload);
    await waitFor(() => atRouter.length === 1 && atDealer.length === 1);
    expect(Bun.deepEquals(atRouter[0], payload)).toBe(true);
    expect(Bun.deepEquals(atDealer[0], payload)).toBe(true);
  });

  test("after the router restarts on the same port, the dealer reconnects and re-announces its identity", async () => {
    const first = await startRecordingRouter();
    const port = first.router.port;
    const { dealer, states } = recordingDealer(port);
    await using _ = dealer;
    await dealer.connect();
    await first.router.close();
    await waitFor(() => dealer.state === "disconnected");
    expect(dealer.send(ascii("while away"))).toBe(true);
    const second = await startRecordingRouter({ port });
    await using __ = second.router;
    await waitFor(() => second.log.messages.length === 1);
    expect(second.log.messages).toEqual([["w1", "while away"]]);
    expect(second.log.peers).toEqual(["open:w1"]);
    expect(states.slice(0, 3)).toEqual(["connecting", "connected", "disconnected: connection closed"]);
    expect(states.at(-1)).toBe("connected");
  });

  test("close() writes what is queued before the socket closes", async () => {
    const { router, log } = await startRecordingRouter();
    await using _ = router;
    const dealer = new DealerSocket({ host: "127.0.0.1", port: router.port, identity: "w1", onMessage() {} });
    await dealer.connect();
    dealer.send(ascii("stats"));
    dealer.send(ascii("quit"));
    await dealer.close();
    await waitFor(() => log.peers.includes("close:w1"));
    expect(log.messages).toEqual([["w1", "stats"], ["w1", "quit"]]);
    expect(dealer.send(ascii("late"))).toBe(false);
    expect(dealer.state).toBe("closed");
  });
});

describe("failing to connect", () => {
  test("connect() rejects after the attempt budget, naming the address and the last reason", async () => {
    const port = freePort();
    const { dealer, states } = recordingDealer(port, { connectAttempts: 3, reconnectIntervalMs: 1 });
    await expect(dealer.connect()).rejects.toThrow(`cannot connect to 127.0.0.1:${port} after 3 attempts: connection refused`);
    expect(states).toEqual([
      "connecting",
      "disconnected: connection refused",
      "connecting",
      "disconnected: connection refused",
      "connecting",
      "closed: connection refused",
    ]);
  });

  test("a server that is not ZMTP counts as a failed attempt with the protocol reason", async () => {
    await using server = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: { open: (socket) => void socket.write("HTTP/1.1 400 Bad Request\r\n\r\n"), data() {} },
    });
    const { dealer } = recordingDealer(server.port, { connectAttempts: 2, reconnectIntervalMs: 1 });
    await expect(dealer.connect()).rejects.toThrow("after 2 attempts: not a ZMTP peer (bad greeting signature)");
  });

  test("close() while still dialling settles connect() and stops retrying", async () => {
    const { dealer } = recordingDealer(freePort(), { reconnectIntervalMs: 1 });
    const connecting = dealer.connect();
    await waitFor(() => dealer.state === "disconnected");
    await dealer.close();
    await expect(connecting).rejects.toThrow("closed before connecting to 127.0.0.1:");
    expect(dealer.state).toBe("closed");
  });

  test.each([
    ["", "the identity is empty"],
    ["x".repeat(256), "the identity is 256 bytes long (at most 255)"],
    ["\0id", "the identity starts with a zero byte, which libzmq reserves"],
  ])("identity %j is refused before dialling", async (identity, reason) => {
    const { dealer, states } = recordingDealer(freePort(), { identity });
    await expect(dealer.connect()).rejects.toThrow(reason);
    expect(states).toEqual([]);
  });

  test("connect() after close() is refused", async () => {
    const { dealer } = recordingDealer(freePort());
    await dealer.close();
    await expect(dealer.connect()).rejects.toThrow("connect() after close()");
  });

  test("the queue while disconnected is bounded: sends beyond it are refused", async () => {
    const { dealer } = recordingDealer(freePort(), { maxQueuedMessages: 2 });
    await using _ = dealer;
    expect([dealer.send(ascii("1")), dealer.send(ascii("2")), dealer.send(ascii("3"))]).toEqual([true, true, false]);
  });
});

test("RouterSocket and DealerSocket dispose with await using", async () => {
  let port = 0;
  {
    await using router = await RouterSocket.listen({ hostname: "127.0.0.1", port: 0, onMessage() {} });
    port = router.port;
  }
  const { dealer } = recordingDealer(port, { connectAttempts: 1 });
  await expect(dealer.connect()).rejects.toThrow("connection refused");
});
