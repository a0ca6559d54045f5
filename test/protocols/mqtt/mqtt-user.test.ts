import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { MqttUser } from "../../../src/protocols/mqtt/index.ts";
import { runLoadProbe } from "../../support/load-probe.ts";

describe("MqttUser", () => {
  test("is abstract, and its subclasses are not", () => {
    class Sensor extends MqttUser {}
    expect(Object.hasOwn(MqttUser, "abstract") && MqttUser.abstract).toBe(true);
    expect(Object.hasOwn(Sensor, "abstract")).toBe(false);
  });

  test("hands its static settings to the client, with --host taking precedence over the class host", () => {
    class Sensor extends MqttUser {
      static override host = "mqtt://class-host:1883";
      static override protocolVersion = 5 as const;
      static override username = "u";
      static override password = "p";
      static override keepalive = 5;
      static override measureDelivery = true;
    }
    const fromClass = new Sensor(new Environment()).client.settings;
    expect(fromClass).toMatchObject({
      host: "mqtt://class-host:1883",
      protocolVersion: 5,
      username: "u",
      password: "p",
      keepalive: 5,
      measureDelivery: true,
      transport: "tcp",
      wsPath: "/mqtt",
    });
    expect(fromClass.clientId).toMatch(/^locust-[0-9a-f]{16}$/);
    const fromFlag = new Sensor(new Environment({ host: "ws://flag-host:9001" })).client.settings;
    expect(fromFlag.host).toBe("ws://flag-host:9001");
    expect(fromFlag.clientId).not.toBe(fromClass.clientId);
  });

  test("loads mqtt.js only when a user connects, not on import or construction", async () => {
    const probe = await runLoadProbe(/node_modules\/mqtt\//, `
      const { MqttUser } = await import(src("protocols/mqtt/index.ts"));
      const { Environment } = await import(src("core/environment.ts"));
      class Sensor extends MqttUser { static host = "mqtt://127.0.0.1:1"; }
      const user = new Sensor(new Environment());
      const before = loaded();
      await user.beforeStart();
      console.log(JSON.stringify([before, loaded()]));
    `);
    expect({ stdout: probe.stdout, exitCode: probe.exitCode }).toEqual({ stdout: "[false,true]", exitCode: 0 });
    expect(probe.stderr).not.toContain("DeprecationWarning");
  });
});
