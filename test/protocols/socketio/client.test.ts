import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SocketIOUser } from "../../../src/protocols/socketio/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { freePort } from "../../support/free-port.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";
import { startSocketIoServer, type SocketIoTestServer } from "../../support/socketio-server.ts";

const userClass = (host: string, statics: Partial<typeof SocketIOUser> = {}) =>
  defineUserClass(SocketIOUser, { host, ...statics });

const bytes = (value: unknown) => Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

describe("SocketIOClient against an in-process socket.io server", () => {
  let server: SocketIoTestServer;

  beforeAll(async () => {
    server = await startSocketIoServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test("connect is reported as (WS, connect) and carries extraHeaders and auth to the handshake", async () => {
    const { env, events } = createRecordingEnvironment();
    const Cls = userClass(server.url, { extraHeaders: { "x-run": "r1" }, auth: { token: "abc" } });
    const user = new Cls(env);
    const before = server.handshakes.length;
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    expect(events.map((e) => [e.requestType, e.name, e.exception])).toEqual([["WS", "connect", null]]);
    const handshake = server.handshakes[before]!;
    const seen = [handshake.auth, handshake.headers["x-run"], handshake.transport];
    expect(seen).toEqual([{ token: "abc" }, "r1", "websocket"]);
    await user.dispose();
    expect(user.client.connected).toBe(false);
  });

  test("emit and send are reported as WSE / WSS with the payload's byte length, and the server gets them", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    await user.beforeStart();
    const first = server.received.length;
    const data = { room: "lobby", text: "héllo" };
    expect(user.client.emit("join", data)).toBe(true);
    expect(user.client.emit("join", "plain")).toBe(true);
    expect(user.client.send("ping")).toBe(true);
    expect(user.client.send({ n: 1 }, "named message")).toBe(true);
    await server.until(() => server.received.length >= first + 4);
    expect(server.received.slice(first).map((e) => [e.event, e.args])).toEqual([
      ["join", [data]],
      ["join", ["plain"]],
      ["message", ["ping"]],
      ["message", [{ n: 1 }]],
    ]);
    const join = env.stats.find("join", "WSE")!;
    expect([join.numRequests, join.numFailures, join.totalContentLength]).toEqual([2, 0, bytes(data) + 5]);
    expect(env.stats.find("Unnamed", "WSS")?.totalContentLength).toBe(4);
    expect(env.stats.find("named message", "WSS")?.numRequests).toBe(1);
    await user.dispose();
  });

  test("call waits for the ack and reports (WSC, event) with the reply's length; the reply is returned", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    await user.beforeStart();
    const payload = { id: 7, text: "echo me" };
    expect(await user.client.call("echo", payload)).toEqual(payload);
    expect(await user.client.call("echo", "x", { name: "echo (named)" })).toBe("x");
    const echo = env.stats.find("echo", "WSC")!;
    expect([echo.numRequests, echo.numFailures, echo.totalContentLength]).toEqual([1, 0, bytes(payload)]);
    expect(env.stats.find("echo (named)", "WSC")?.numRequests).toBe(1);
    await user.dispose();
  });

  test("a call without an ack in time is a counted failure and resolves to undefined", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    await user.beforeStart();
    expect(await user.client.call("never", 1, { timeout: 100 })).toBeUndefined();
    const failed = events.find((e) => e.name === "never")!;
    expect([failed.requestType, String(failed.exception)]).toEqual(["WSC", 'Error: No ack for "never" within 100 ms']);
    expect(env.stats.find("never", "WSC")?.numFailures).toBe(1);
    await user.dispose();
  });

  test("a call the server answers by disconnecting is a counted failure", async () => {
    const { events, env } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    await user.beforeStart();
    expect(await user.client.call("drop", 1, { timeout: 5000 })).toBeUndefined();
    const failed = events.find((e) => e.name === "drop")!;
    expect(String(failed.exception)).toMatch(/disconnected/);
    expect(user.client.connected).toBe(false);
    expect(user.client.emit("after")).toBe(false);
    expect(String(events.at(-1)!.exception)).toBe("Error: Socket.IO client is not connected");
  });

  test("every received event is reported as (WSR, event) and reaches on() handlers", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    const got: unknown[] = [];
    user.client.on("news", (payload) => got.push(payload));
    await user.beforeStart();
    user.client.emit("push", { event: "news", payload: { headline: "hi" }, times: 3 });
    await server.until(() => server.received.some((e) => e.event === "push"));
    await user.client.call("echo", "sync");
    expect(got).toEqual([{ headline: "hi" }, { headline: "hi" }, { headline: "hi" }]);
    const news = env.stats.find("news", "WSR")!;
    const expected = [3, 0, 3 * bytes({ headline: "hi" })];
    expect([news.numRequests, news.numFailures, news.totalContentLength]).toEqual(expected);
    expect(news.maxResponseTime).toBe(0);
    await user.dispose();
  });

  test("reportReceived false keeps received events out of the statistics but still calls handlers", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server.url, { reportReceived: false }))(env);
    const got: unknown[] = [];
    user.client.on("quiet", (payload) => got.push(payload));
    await user.beforeStart();
    user.client.emit("push", { event: "quiet", payload: 1 });
    await user.client.call("echo", "sync");
    expect(got).toEqual([1]);
    expect(env.stats.find("quiet", "WSR")).toBeUndefined();
    await user.dispose();
  });

  test("long-polling with upgrade also works", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(server.url, { transports: ["polling", "websocket"] }))(env);
    await user.beforeStart();
    expect(await user.client.call("echo", "via polling")).toBe("via polling");
    await user.dispose();
  });

  test("a force-stopped user stops waiting for an ack and reports nothing for it", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    await user.beforeStart();
    const calling = user.client.call("never", 1, { timeout: 60_000 });
    user.requestStop(true);
    await expect(calling).rejects.toMatchObject({ name: "ForcedStop" });
    expect(events.map((e) => e.name)).toEqual(["connect"]);
    user.renewSignalForStop();
    await user.dispose();
  });
});

describe("SocketIOClient connect failures", () => {
  test("a server that is down is a counted connect failure naming the cause", async () => {
    const url = `http://127.0.0.1:${freePort()}`;
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(url))(env);
    await user.beforeStart();
    expect(events.map((e) => [e.requestType, e.name])).toEqual([["WS", "connect"]]);
    expect(String(events[0]!.exception)).toContain(`Socket.IO connect to ${url} failed`);
    expect(String(events[0]!.exception)).toContain("ECONNREFUSED");
    expect(env.stats.find("connect", "WS")?.numFailures).toBe(1);
    await user.dispose();
  });

  test("a server that never answers the handshake is a counted failure after connectTimeout", async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(`http://127.0.0.1:${silent.port}`, { connectTimeout: 200 }))(env);
    await user.beforeStart();
    silent.stop(true);
    const url = `http://127.0.0.1:${silent.port}`;
    expect(String(events[0]!.exception)).toBe(`Error: Socket.IO connect to ${url} failed: timeout`);
  });

  test("a handshake the server refuses is a counted connect failure with the server's reason", async () => {
    await using guarded = await startSocketIoServer({ requireToken: "right" });
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(guarded.url, { auth: { token: "wrong" } }))(env);
    await user.beforeStart();
    expect(String(events[0]!.exception)).toBe(`Error: Socket.IO connect to ${guarded.url} failed: unauthorized`);
    const allowed = new (userClass(guarded.url, { auth: { token: "right" } }))(env);
    await allowed.beforeStart();
    expect(allowed.client.connected).toBe(true);
    await Promise.all([user.dispose(), allowed.dispose()]);
  });
});
