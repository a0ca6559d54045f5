import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { WebSocketUser } from "../../../src/protocols/websocket/index.ts";

describe("WebSocketUser", () => {
  test("is abstract and hands its static settings and host to the client", () => {
    const receivedName = (message: string | Uint8Array) => String(message).slice(0, 4);
    class Trader extends WebSocketUser {
      static override host = "ws://class-host:8080/ws";
      static override headers = { authorization: "Bearer t" };
      static override protocols = "v1.trade";
      static override requestTimeout = 2500;
      static override reportReceived = true;
      static override receivedName = receivedName;
    }
    expect(Object.hasOwn(WebSocketUser, "abstract") && WebSocketUser.abstract).toBe(true);
    expect(Object.hasOwn(Trader, "abstract")).toBe(false);
    expect(new Trader(new Environment()).client.settings).toEqual({
      url: "ws://class-host:8080/ws",
      protocols: "v1.trade",
      headers: { authorization: "Bearer t" },
      tls: undefined,
      connectTimeout: 10_000,
      requestTimeout: 2500,
      reportReceived: true,
      receivedName,
    });
    expect(new Trader(new Environment({ host: "wss://flag-host/ws" })).client.settings.url).toBe("wss://flag-host/ws");
  });

  test("onStart connects and onStop closes, against a real server", async () => {
    await using server = Bun.serve({
      port: 0,
      fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("no", { status: 400 })),
      websocket: { message: (ws, message) => void ws.send(message) },
    });
    class Echo extends WebSocketUser {
      static override host = `ws://127.0.0.1:${server.port}`;
    }
    const user = new Echo(new Environment());
    await user.beforeStart();
    expect(await user.client.request("ping")).toBe("ping");
    await user.dispose();
    expect(user.client.connected).toBe(false);
  });

  test("an onStop override leaves the connection open for itself; the user loop's dispose closes it", async () => {
    let closed: () => void = () => {};
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    await using server = Bun.serve({
      port: 0,
      fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response("no", { status: 400 })),
      websocket: { message() {}, close: () => closed() },
    });
    class Forgetful extends WebSocketUser {
      static override host = `ws://127.0.0.1:${server.port}`;
      override async onStop() {}
    }
    const user = new Forgetful(new Environment());
    await user.beforeStart();
    await user.onStop();
    expect(user.client.connected).toBe(true);
    await user.dispose();
    await serverSawClose;
    expect(user.client.connected).toBe(false);
  });
});
