import { describe, expect, test } from "bun:test";
import { createClientId, resolveBrokerOptions, type MqttSettings } from "../../../src/protocols/mqtt/settings.ts";

function resolved(settings: MqttSettings): Record<string, unknown> {
  const { protocol, hostname, port, path, username, password } = resolveBrokerOptions({ clientId: "c", ...settings });
  return { protocol, hostname, port, path, username, password };
}

describe("resolveBrokerOptions", () => {
  test.each([
    [{ host: "mqtt://broker:1884" }, { protocol: "mqtt", hostname: "broker", port: 1884 }],
    [{ host: "mqtt://broker" }, { protocol: "mqtt", hostname: "broker", port: 1883 }],
    [{ host: "mqtts://broker" }, { protocol: "mqtts", hostname: "broker", port: 8883 }],
    [{ host: "tcp://broker", port: 2000 }, { protocol: "mqtt", hostname: "broker", port: 2000 }],
    [{ host: "ws://broker:9001" }, { protocol: "ws", hostname: "broker", port: 9001, path: "/mqtt" }],
    [{ host: "wss://broker/custom" }, { protocol: "wss", hostname: "broker", port: 443, path: "/custom" }],
    [{ host: "broker" }, { protocol: "mqtt", hostname: "broker", port: 1883 }],
    [{ host: "broker", tls: true }, { protocol: "mqtts", hostname: "broker", port: 8883 }],
    [
      { host: "broker:7000", transport: "websockets" as const },
      { protocol: "ws", hostname: "broker", port: 7000, path: "/mqtt" },
    ],
    [
      { host: "broker", transport: "websockets" as const, tls: true, wsPath: "/ws" },
      { protocol: "wss", hostname: "broker", port: 443, path: "/ws" },
    ],
    [{ host: "mqtt://[::1]:1883" }, { protocol: "mqtt", hostname: "::1", port: 1883 }],
  ])("%o resolves to %o", (settings, expected) => {
    expect(resolved(settings)).toEqual({ path: undefined, username: undefined, password: undefined, ...expected });
  });

  test("credentials in the URL are used unless set explicitly", () => {
    expect(resolved({ host: "mqtt://al%40ice:p%3Ass@broker" })).toMatchObject({ username: "al@ice", password: "p:ss" });
    const explicit = resolved({ host: "mqtt://a:b@broker", username: "c", password: "d" });
    expect(explicit).toMatchObject({ username: "c", password: "d" });
  });

  test("defaults: MQTT 3.1.1, clean session, no reconnect, a 10 s connect timeout, 60 s keep-alive", () => {
    expect(resolveBrokerOptions({ host: "mqtt://b", clientId: "c" })).toMatchObject({
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      keepalive: 60,
      clientId: "c",
    });
  });

  test.each([
    [{}, "MQTT_NO_HOST"],
    [{ host: "  " }, "MQTT_NO_HOST"],
    [{ host: "http://broker" }, "MQTT_BAD_HOST"],
  ])("%o is a setup error with code %s", (settings, code) => {
    expect(() => resolveBrokerOptions(settings)).toThrow(expect.objectContaining({ code }));
  });
});

test("createClientId makes distinct 23-character locust- ids", () => {
  const ids = new Set(Array.from({ length: 50 }, createClientId));
  expect(ids.size).toBe(50);
  for (const id of ids) expect(id).toMatch(/^locust-[0-9a-f]{16}$/);
});
