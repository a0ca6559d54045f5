/**
 * Our DEALER and ROUTER against real libzmq (pyzmq), with Locust's msgpack settings on the Python side.
 */
import { describe, expect, test } from "bun:test";
import { DealerSocket, decodeMessage, encodeMessage } from "../../../../src/core/runner/transport/index.ts";
import { CONNECTION_SOCKET_HANDLER, ZmtpConnection } from "../../../../src/core/runner/transport/zmtp-connection.ts";
import { startRecordingRouter } from "../../../support/recording-router.ts";
import { createProject } from "../../../support/run-cli.ts";
import { findPythonWithZmq } from "../../../support/python-zmq.ts";
import { waitFor } from "../../../support/wait-for.ts";

const python = findPythonWithZmq();

/** Locust's own settings: msgpack.dumps defaults, loads(raw=False, strict_map_key=False). */
const PEER_SCRIPT = `
import json, sys, time, zmq, msgpack
from zmq.utils.monitor import recv_monitor_message

def loads(payload):
    return msgpack.loads(payload, raw=False, strict_map_key=False)

def say(**fields):
    print(json.dumps(fields), flush=True)

ctx = zmq.Context()
mode = sys.argv[1]
if mode == "router":
    sock = ctx.socket(zmq.ROUTER)
    say(port=sock.bind_to_random_port("tcp://127.0.0.1"))
    while True:
        ident, payload = sock.recv_multipart()
        msg = loads(payload)
        say(routing_id=ident.decode(), repr=repr(msg))
        if msg[0] == "quit":
            break
        ack = {"index": 0, "response_times": {150: 2, 7: 1}, "big": 2**40, "none": None, "f": 1.5}
        sock.send_multipart([ident, msgpack.dumps(["ack", ack, msg[2]])])
else:
    names = {getattr(zmq, n): n for n in dir(zmq) if n.startswith("EVENT_") and n not in ("EVENT_ALL", "EVENT_ALL_V1", "EVENT_ALL_V2")}
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.IDENTITY, sys.argv[3].encode())
    # libzmq drops the connection when a PING gets no PONG within the timeout.
    sock.setsockopt(zmq.HEARTBEAT_IVL, 50)
    sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, 200)
    monitor = sock.get_monitor_socket()
    sock.connect("tcp://127.0.0.1:" + sys.argv[2])
    sock.send(msgpack.dumps(["client_ready", "2.12.1", sys.argv[3]]))
    say(repr=repr(loads(sock.recv())))
    time.sleep(0.6)  # a dozen heartbeat intervals
    events = []
    while monitor.poll(0):
        events.append(names.get(recv_monitor_message(monitor)["event"], "?"))
    say(events=events)
    sock.send(msgpack.dumps(["quit", None, sys.argv[3]]))
sock.close(linger=2000)
`;

/** Starts the Python peer and reads its JSON lines. */
async function startPeer(dir: string, args: string[]) {
  const child = Bun.spawn([python!, `${dir}/peer.py`, ...args], { stdout: "pipe", stderr: "pipe" });
  const lines: Record<string, unknown>[] = [];
  const reading = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      lines.push(...parts.map((line) => JSON.parse(line) as Record<string, unknown>));
    }
  })();
  const nextLine = async (index: number) => {
    await waitFor(() => lines.length > index || child.exitCode !== null);
    if (lines.length <= index) throw new Error(`python peer exited early: ${await new Response(child.stderr).text()}`);
    return lines[index]!;
  };
  return { child, lines, nextLine, reading };
}

describe.skipIf(!python)("interoperability with pyzmq (libzmq)", () => {
  test("our DEALER talks to a pyzmq ROUTER: identity, queued first message, int keys and int64 both ways", async () => {
    await using project = createProject({ "peer.py": PEER_SCRIPT });
    const peer = await startPeer(project.dir, ["router"]);
    const { port } = (await peer.nextLine(0)) as { port: number };
    const received: Uint8Array[] = [];
    await using dealer = new DealerSocket({ host: "127.0.0.1", port, identity: "tsworker_1", onMessage: (p) => received.push(p) });
    // Sent before the handshake: libzmq drops a peer whose message frame precedes its READY, so this must wait.
    dealer.send(encodeMessage("client_ready", "2.46.0", "tsworker_1"));
    await dealer.connect();
    expect(await peer.nextLine(1)).toEqual({ routing_id: "tsworker_1", repr: "['client_ready', '2.46.0', 'tsworker_1']" });
    await waitFor(() => received.length === 1);
    expect(decodeMessage(received[0]!)).toEqual({
      type: "ack",
      data: { index: 0, response_times: new Map([[150, 2], [7, 1]]), big: 2 ** 40, none: null, f: 1.5 },
      nodeId: "tsworker_1",
    });
    const stats = { response_times: new Map([[150, 2]]), total: 2 ** 40, min: undefined, at: new Date(Date.UTC(2026, 0, 2)) };
    dealer.send(encodeMessage("stats", stats, "tsworker_1"));
    expect(await peer.nextLine(2)).toEqual({
      routing_id: "tsworker_1",
      repr: "['stats', {'response_times': {150: 2}, 'total': 1099511627776, 'min': None, 'at': {'__datetime__': True, 'as_str': '20260102T00:00:00.000000'}}, 'tsworker_1']",
    });
    dealer.send(encodeMessage("quit", null, "tsworker_1"));
    expect(await peer.child.exited).toBe(0);
  });

  test("a message queued during the handshake reaches a pyzmq ROUTER once the handshake completes", async () => {
    await using project = createProject({ "peer.py": PEER_SCRIPT });
    const peer = await startPeer(project.dir, ["router"]);
    const { port } = (await peer.nextLine(0)) as { port: number };
    const closes: (string | undefined)[] = [];
    const connection = new ZmtpConnection({
      socketType: "DEALER",
      identity: new TextEncoder().encode("early"),
      maxMessageSize: 1024,
      handshakeTimeoutMs: 30_000,
      handlers: { onReady() {}, onMessage() {}, onClose: (_, failure) => closes.push(failure) },
    });
    await Bun.connect({
      hostname: "127.0.0.1",
      port,
      data: connection,
      socket: {
        ...CONNECTION_SOCKET_HANDLER,
        open(socket) {
          socket.data.attach(socket);
          socket.data.send([encodeMessage("quit", null, "early")]);
        },
      },
    });
    expect(await peer.nextLine(1)).toEqual({ routing_id: "early", repr: "['quit', None, 'early']" });
    await connection.close();
    expect(closes).toEqual([undefined]);
  });

  test("a pyzmq DEALER talks to our ROUTER, and its heartbeats get PONGs so it stays connected", async () => {
    await using project = createProject({ "peer.py": PEER_SCRIPT });
    const received: { identity: string; message: ReturnType<typeof decodeMessage> }[] = [];
    const { router, log } = await startRecordingRouter({
      onMessage: (identity, payload) => {
        const message = decodeMessage(payload);
        received.push({ identity, message });
        if (message.type === "client_ready") router.send(identity, encodeMessage("ack", { index: 3, rt: new Map([[150, 2]]) }, message.nodeId));
      },
    });
    await using _ = router;
    const peer = await startPeer(project.dir, ["dealer", String(router.port), "pyworker_1"]);
    expect(await peer.nextLine(0)).toEqual({ repr: "['ack', {'index': 3, 'rt': {150: 2}}, 'pyworker_1']" });
    const { events } = (await peer.nextLine(1)) as { events: string[] };
    expect(events).not.toContain("EVENT_DISCONNECTED");
    expect(await peer.child.exited).toBe(0);
    await waitFor(() => received.length === 2);
    expect(received).toEqual([
      { identity: "pyworker_1", message: { type: "client_ready", data: "2.12.1", nodeId: "pyworker_1" } },
      { identity: "pyworker_1", message: { type: "quit", data: null, nodeId: "pyworker_1" } },
    ]);
    expect(log.peers[0]).toBe("open:pyworker_1");
    expect(log.protocolErrors).toEqual([]);
  });
});
