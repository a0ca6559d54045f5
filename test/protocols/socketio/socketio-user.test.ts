import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { SocketIOUser, type SocketIOTransport } from "../../../src/protocols/socketio/index.ts";
import { runLoadProbe } from "../../support/load-probe.ts";

describe("SocketIOUser", () => {
  test("is abstract and hands its static settings and host to the client", () => {
    class Chatter extends SocketIOUser {
      static override host = "http://class-host:3000";
      static override transports: SocketIOTransport[] = ["polling"];
      static override auth = { token: "t" };
      static override callTimeout = 5000;
    }
    expect(Object.hasOwn(SocketIOUser, "abstract") && SocketIOUser.abstract).toBe(true);
    expect(Object.hasOwn(Chatter, "abstract")).toBe(false);
    expect(new Chatter(new Environment()).client.settings).toMatchObject({
      url: "http://class-host:3000",
      path: "/socket.io",
      transports: ["polling"],
      auth: { token: "t" },
      callTimeout: 5000,
      connectTimeout: 10_000,
      reportReceived: true,
    });
    expect(new Chatter(new Environment({ host: "http://flag-host:1" })).client.settings.url).toBe("http://flag-host:1");
  });

  test("without a host, onStart is a setup error with a hint", async () => {
    class Nowhere extends SocketIOUser {}
    await expect(new Nowhere(new Environment()).beforeStart()).rejects.toMatchObject({ code: "SOCKETIO_NO_HOST" });
  });

  test("loads socket.io-client only when a user connects, not on import or construction", async () => {
    const probe = await runLoadProbe(/node_modules\/(socket\.io-client|engine\.io-client)\//, `
      const { SocketIOUser } = await import(src("protocols/socketio/index.ts"));
      const { Environment } = await import(src("core/environment.ts"));
      class Chatter extends SocketIOUser { static host = "http://127.0.0.1:1"; }
      const user = new Chatter(new Environment());
      const before = loaded();
      await user.beforeStart();
      await user.dispose();
      console.log(JSON.stringify([before, loaded()]));
    `);
    expect({ stdout: probe.stdout, exitCode: probe.exitCode }).toEqual({ stdout: "[false,true]", exitCode: 0 });
  });
});
