import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MqttUser } from "../../../src/protocols/mqtt/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { freePort } from "../../support/free-port.ts";
import { findDynamicSecurityPlugin, findMosquitto, startMosquitto, type Mosquitto } from "../../support/mosquitto.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

const binary = findMosquitto();
const hasDynamicSecurity = binary !== undefined && findDynamicSecurityPlugin(binary) !== undefined;
if (binary && !hasDynamicSecurity) {
  if (process.env.CI) throw new Error("mosquitto's dynamic-security plugin is missing");
  console.warn("skipping refused-subscribe tests: mosquitto's dynamic-security plugin is not installed");
}

const userClass = (host: string, statics: Partial<typeof MqttUser> = {}) =>
  defineUserClass(MqttUser, { host, ...statics });

/** A TCP server that reads and never answers (a hung broker); `received` resolves on the first bytes (CONNECT). */
function silentServer() {
  let heard: () => void = () => {};
  const received = new Promise<void>((resolve) => (heard = resolve));
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data: () => heard() } });
  return { url: `mqtt://127.0.0.1:${server.port}`, received, [Symbol.dispose]: () => server.stop(true) };
}

/** A broker that accepts the connection (CONNACK) and then never acknowledges anything. */
function stallingBroker() {
  const server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      data(socket, chunk) {
        if (chunk[0] === 0x10) socket.write(new Uint8Array([0x20, 0x02, 0x00, 0x00])); // CONNECT → CONNACK accepted
      },
    },
  });
  return { url: `mqtt://127.0.0.1:${server.port}`, [Symbol.dispose]: () => server.stop(true) };
}

describe("MqttClient against a broker that stalls", () => {
  test("a force-stopped user's disconnect gives up on missing acknowledgements within a second, counted", async () => {
    using broker = stallingBroker();
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    const publish = user.client.publish("t", "x", { qos: 1 });
    user.requestStop(true);
    await publish.catch(() => {});
    user.renewSignalForStop();
    const started = performance.now();
    await user.dispose();
    expect(performance.now() - started).toBeLessThan(1900);
    expect(events.map((e) => [e.name, e.exception === null])).toEqual([["connect", true], ["disconnect", false]]);
    expect(String(events[1]!.exception)).toContain("did not finish within 1000 ms");
  });
});

describe("MqttClient connect failures without a broker", () => {
  test("a closed port is a counted connect failure, and the user can still stop", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(`mqtt://127.0.0.1:${freePort()}`))(env);
    await user.beforeStart();
    expect(events.map((e) => [e.requestType, e.name])).toEqual([["MQTT", "connect"]]);
    expect(String(events[0]!.exception)).toContain("ECONNREFUSED");
    expect(user.client.connected).toBe(false);
    await user.dispose();
    expect(events).toHaveLength(1);
  });

  test("a server that never sends CONNACK is a counted failure after connectTimeout", async () => {
    using server = silentServer();
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server.url, { connectTimeout: 200 }))(env);
    await user.beforeStart();
    expect(events).toHaveLength(1);
    expect(String(events[0]!.exception)).toContain("no CONNACK within 200 ms");
    expect(env.stats.find("connect", "MQTT")?.numFailures).toBe(1);
  });

  test("a force-stopped user stops waiting for CONNACK and reports nothing", async () => {
    using server = silentServer();
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(server.url))(env);
    const starting = user.beforeStart();
    await server.received;
    user.requestStop(true);
    await expect(starting).rejects.toMatchObject({ name: "ForcedStop" });
    expect(events).toEqual([]);
  });

  test("a host that is not an MQTT URL is a setup error with a hint", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass("http://127.0.0.1:8080"))(env);
    await expect(user.beforeStart()).rejects.toMatchObject({ code: "MQTT_BAD_HOST" });
  });

});

describe.skipIf(!hasDynamicSecurity)("MqttClient against a broker that refuses or goes away", () => {
  let secured: Mosquitto;

  beforeAll(async () => {
    secured = await startMosquitto(binary!, {
      credentials: { username: "alice", password: "s3cret" },
      denySubscribe: ["closed/#"],
    });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  test.each([4, 5] as const)("bad credentials are a counted connect failure (MQTT %d)", async (version) => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(secured.url, { username: "alice", password: "wrong", protocolVersion: version }))(env);
    await user.beforeStart();
    expect(events.map((e) => e.name)).toEqual(["connect"]);
    expect(String(events[0]!.exception)).toMatch(/Not authorized|Bad User Name or Password/);
    expect(user.client.connected).toBe(false);
  });

  test.each([
    [4, "0x80 Unspecified error"],
    [5, "0x87 Not authorized"],
  ] as const)("a refused subscribe is a counted failure (MQTT %d, SUBACK %s)", async (version, code) => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(secured.url, { username: "alice", password: "s3cret", protocolVersion: version }))(env);
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    expect(await user.client.subscribe("open/a", { qos: 1 })).toBe(true);
    expect(await user.client.subscribe("closed/a", { qos: 1 })).toBe(false);
    const refused = events.find((e) => e.name === "subscribe:1:closed/a")!;
    expect(String(refused.exception)).toContain(`Subscribe to closed/a refused by the broker (SUBACK ${code})`);
    expect(env.stats.find("subscribe:1:open/a", "MQTT")?.numFailures).toBe(0);
    await user.dispose();
  });

  test("a force-stopped user stops waiting for PUBACK and reports nothing for it", async () => {
    await using broker = await startMosquitto(binary!);
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    await user.beforeStart();
    broker.pause();
    const publishing = user.client.publish("t", "x", { qos: 1 });
    user.requestStop(true);
    await expect(publishing).rejects.toMatchObject({ name: "ForcedStop" });
    expect(events.map((e) => e.name)).toEqual(["connect"]);
    user.renewSignalForStop();
    broker.resume();
    await user.dispose();
    expect(events.map((e) => e.name)).toEqual(["connect", "disconnect"]);
  });

  test("a publish waiting for PUBACK fails when the broker dies", async () => {
    const broker = await startMosquitto(binary!);
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    await user.beforeStart();
    broker.pause();
    const publishing = user.client.publish("t", "x", { qos: 2 });
    await broker.stop();
    expect(await publishing).toBe(false);
    const failed = events.find((e) => e.name === "publish:2:t")!;
    expect(String(failed.exception)).toContain("MQTT connection closed");
    await user.dispose();
    expect(events.map((e) => e.name)).toEqual(["connect", "publish:2:t"]);
  });
});
