import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { WebSocketUser } from "../../../src/protocols/websocket/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { freePort } from "../../support/free-port.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

const userClass = (host: string, statics: Partial<typeof WebSocketUser> = {}) =>
  defineUserClass(WebSocketUser, { host, ...statics });

interface Command {
  op: string;
  id?: number;
  n?: number;
}

/** A Bun.serve WebSocket server on /ws speaking a tiny JSON protocol, recording what it received. */
function startServer() {
  const received: (string | number[])[] = [];
  const upgrades: Record<string, string>[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req, srv) {
      if (new URL(req.url).pathname !== "/ws") return new Response("no", { status: 404 });
      upgrades.push(Object.fromEntries(req.headers));
      return srv.upgrade(req) ? undefined : new Response("upgrade failed", { status: 400 });
    },
    websocket: {
      message(ws, message) {
        if (typeof message !== "string") {
          received.push([...message]);
          ws.send(message);
          return;
        }
        received.push(message);
        const command = JSON.parse(message) as Command;
        if (command.op === "echo") ws.send(message);
        if (command.op === "quote") {
          ws.send(JSON.stringify({ type: "tick" }));
          ws.send(JSON.stringify({ type: "tick" }));
          ws.send(JSON.stringify({ type: "quote", id: command.id }));
        }
        if (command.op === "push") for (let i = 0; i < command.n!; i++) ws.send(JSON.stringify({ type: "news", i }));
        if (command.op === "close") ws.close(1011, "server going away");
      },
    },
  });
  return { url: `ws://127.0.0.1:${server.port}/ws`, server, received, upgrades };
}

const replyTo = (id: number) => (message: string | Uint8Array) =>
  typeof message === "string" && JSON.parse(message).id === id;

describe("WebSocketClient against a Bun.serve WebSocket server", () => {
  let target: ReturnType<typeof startServer>;

  beforeAll(() => {
    target = startServer();
  });
  afterAll(() => {
    target?.server.stop(true);
  });

  test("connect is reported as (WS, connect) and sends the configured headers", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(target.url, { headers: { "x-run": "r7" } }))(env);
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    expect(events.map((e) => [e.requestType, e.name, e.exception])).toEqual([["WS", "connect", null]]);
    expect(target.upgrades.at(-1)?.["x-run"]).toBe("r7");
    await user.dispose();
    expect(user.client.connected).toBe(false);
  });

  test("send is reported as (WSS, name) with the message's bytes, and the server receives it", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    const text = JSON.stringify({ op: "note", text: "héllo" });
    expect(user.client.send(text)).toBe(true);
    expect(user.client.send(new Uint8Array([1, 2, 3]), "binary")).toBe(true);
    await user.client.request(JSON.stringify({ op: "echo" })); // the server handles messages in order
    expect(target.received.slice(-3, -1)).toEqual([text, [1, 2, 3]]);
    expect(env.stats.find("Unnamed", "WSS")?.totalContentLength).toBe(Buffer.byteLength(text));
    expect(env.stats.find("binary", "WSS")?.totalContentLength).toBe(3);
    await user.dispose();
  });

  test("request waits for the reply its matcher accepts, skipping unrelated messages", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    const [first, second] = await Promise.all([
      user.client.request(JSON.stringify({ op: "quote", id: 1 }), { match: replyTo(1), name: "quote" }),
      user.client.request(JSON.stringify({ op: "quote", id: 2 }), { match: replyTo(2), name: "quote" }),
    ]);
    expect([first, second]).toEqual([
      JSON.stringify({ type: "quote", id: 1 }),
      JSON.stringify({ type: "quote", id: 2 }),
    ]);
    const quote = env.stats.find("quote", "WSC")!;
    expect([quote.numRequests, quote.numFailures, quote.totalContentLength]).toEqual([2, 0, 2 * first!.length]);
    await user.dispose();
  });

  test("without a matcher the next message is the reply; binary replies come back as bytes", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    const echo = JSON.stringify({ op: "echo", x: 1 });
    expect(await user.client.request(echo)).toBe(echo);
    expect(await user.client.request(new Uint8Array([9, 8, 7]), { name: "bytes" })).toEqual(new Uint8Array([9, 8, 7]));
    expect(env.stats.find("request", "WSC")?.numRequests).toBe(1);
    expect(env.stats.find("bytes", "WSC")?.totalContentLength).toBe(3);
    await user.dispose();
  });

  test("a request without a matching reply in time is a counted failure", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    const options = { match: replyTo(6), timeout: 100 };
    const reply = await user.client.request(JSON.stringify({ op: "quote", id: 5 }), options);
    expect(reply).toBeUndefined();
    expect(String(events.at(-1)!.exception)).toBe("Error: No matching reply within 100 ms");
    expect(env.stats.find("request", "WSC")?.numFailures).toBe(1);
    await user.dispose();
  });

  test("a request the server answers by closing is a counted failure naming the close code and reason", async () => {
    const { events, env } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    expect(await user.client.request(JSON.stringify({ op: "close" }), { name: "closing" })).toBeUndefined();
    expect(String(events.at(-1)!.exception)).toBe(
      "Error: WebSocket closed (code 1011: server going away) before a matching reply",
    );
    expect(user.client.connected).toBe(false);
    expect(user.client.send("late")).toBe(false);
    expect(String(events.at(-1)!.exception)).toBe("Error: WebSocket is not connected");
  });

  test("received messages reach onMessage handlers and are reported only with reportReceived", async () => {
    const { env } = createRecordingEnvironment();
    const quiet = new (userClass(target.url))(env);
    const receivedName = (m: string | Uint8Array) => JSON.parse(String(m)).type;
    const loud = new (userClass(target.url, { reportReceived: true, receivedName }))(env);
    const seen: unknown[] = [];
    quiet.client.onMessage((message) => seen.push(JSON.parse(String(message)).i));
    await Promise.all([quiet.beforeStart(), loud.beforeStart()]);
    const push = JSON.stringify({ op: "push", n: 3 });
    const last = (m: string | Uint8Array) => JSON.parse(String(m)).i === 2;
    await Promise.all([quiet.client.request(push, { match: last }), loud.client.request(push, { match: last })]);
    expect(seen).toEqual([0, 1, 2]);
    const news = env.stats.find("news", "WSR")!;
    expect([news.numRequests, news.maxResponseTime]).toEqual([3, 0]);
    expect(env.stats.find("message", "WSR")).toBeUndefined();
    await Promise.all([quiet.dispose(), loud.dispose()]);
  });

  test("a force-stopped user stops waiting for a reply and reports nothing for it", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(target.url))(env);
    await user.beforeStart();
    const waiting = user.client.request(JSON.stringify({ op: "silent" }), { timeout: 60_000 });
    user.requestStop(true);
    await expect(waiting).rejects.toMatchObject({ name: "ForcedStop" });
    expect(events.map((e) => e.name)).toEqual(["connect"]);
    user.renewSignalForStop();
    await user.dispose();
  });
});

describe("WebSocketClient connect failures", () => {
  test("a closed port is a counted connect failure naming the refusal", async () => {
    const url = `ws://127.0.0.1:${freePort()}/ws`;
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(url))(env);
    await user.beforeStart();
    expect(events.map((e) => [e.requestType, e.name])).toEqual([["WS", "connect"]]);
    expect(String(events[0]!.exception)).toContain("Failed to connect");
    expect(env.stats.find("connect", "WS")?.numFailures).toBe(1);
    expect(await user.client.request("x")).toBeUndefined();
    expect(String(events.at(-1)!.exception)).toBe("Error: WebSocket is not connected");
  });

  test("an HTTP answer instead of an upgrade is a counted failure with the status", async () => {
    const target = startServer();
    const { events, env } = createRecordingEnvironment();
    const user = new (userClass(target.url.replace("/ws", "/other")))(env);
    await user.beforeStart();
    target.server.stop(true);
    expect(String(events[0]!.exception)).toContain("Expected 101 status code: 404");
  });

  test("a server that never completes the handshake is a counted failure after connectTimeout", async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const { events, env } = createRecordingEnvironment();
    const url = `ws://127.0.0.1:${silent.port}/ws`;
    const user = new (userClass(url, { connectTimeout: 150 }))(env);
    await user.beforeStart();
    silent.stop(true);
    expect(String(events[0]!.exception)).toBe(`Error: no WebSocket handshake from ${url} within 150 ms`);
  });

  test.each([
    [undefined, "WEBSOCKET_NO_HOST"],
    ["mqtt://127.0.0.1:1883", "WEBSOCKET_BAD_HOST"],
  ])("host %p is a setup error (%s)", async (host, code) => {
    class Nowhere extends WebSocketUser {
      static override host = host;
    }
    await expect(new Nowhere(new Environment()).beforeStart()).rejects.toMatchObject({ code });
  });
});
