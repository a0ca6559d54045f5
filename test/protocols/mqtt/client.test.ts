import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import mqtt, { type MqttClient as PlainClient } from "mqtt";
import { MqttUser } from "../../../src/protocols/mqtt/index.ts";
import { defineUserClass } from "../../support/define-user-class.ts";
import { findMosquitto, startMosquitto, type Mosquitto } from "../../support/mosquitto.ts";
import { createRecordingEnvironment } from "../../support/recording-environment.ts";

const binary = findMosquitto();

const userClass = (host: string, statics: Partial<typeof MqttUser> = {}) =>
  defineUserClass(MqttUser, { host, ...statics });

/** A plain mqtt.js client (not the code under test) that records what the broker delivered. */
async function observe(url: string, topic: string, protocolVersion: 4 | 5 = 4) {
  const client = await mqtt.connectAsync(url, { protocolVersion, reconnectPeriod: 0 });
  await client.subscribeAsync(topic, { qos: 2 });
  const seen: { topic: string; payload: Buffer; properties: unknown }[] = [];
  const waiters: (() => void)[] = [];
  client.on("message", (t, payload, packet) => {
    seen.push({ topic: t, payload, properties: packet.properties });
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (count: number) => {
    while (seen.length < count) await new Promise<void>((wake) => waiters.push(wake));
    return seen;
  };
  return { client, seen, until };
}

function received(user: MqttUser) {
  const messages: { topic: string; payload: string }[] = [];
  let wake = () => {};
  user.client.onMessage((topic, payload) => {
    messages.push({ topic, payload: payload.toString() });
    wake();
  });
  const until = async (count: number) => {
    while (messages.length < count) await new Promise<void>((resolve) => (wake = resolve));
    return messages;
  };
  return { messages, until };
}

describe.skipIf(!binary)("MqttClient against mosquitto", () => {
  let broker: Mosquitto;
  let observer: PlainClient | undefined;

  beforeAll(async () => {
    broker = await startMosquitto(binary!);
  });
  afterAll(async () => {
    await observer?.endAsync();
    await broker?.stop();
  });

  test("publishes at QoS 0, 1 and 2 and records one request per publish with the payload's byte length", async () => {
    const { env } = createRecordingEnvironment();
    const watch = await observe(broker.url, "qos/#");
    observer = watch.client;
    const user = new (userClass(broker.url))(env);
    await user.beforeStart();
    const payloads = ["a", "héllo", "x".repeat(300)];
    for (const qos of [0, 1, 2] as const) {
      for (const payload of payloads) expect(await user.client.publish(`qos/${qos}`, payload, { qos })).toBe(true);
    }
    const seen = await watch.until(9);
    expect(seen.map((m) => `${m.topic}=${m.payload.toString()}`).sort()).toEqual(
      [0, 1, 2].flatMap((qos) => payloads.map((p) => `qos/${qos}=${p}`)).sort(),
    );
    const bytes = payloads.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
    for (const qos of [0, 1, 2]) {
      const entry = env.stats.find(`publish:${qos}:qos/${qos}`, "MQTT")!;
      expect([entry.numRequests, entry.numFailures, entry.totalContentLength]).toEqual([3, 0, bytes]);
    }
    expect(env.stats.find("connect", "MQTT")?.numRequests).toBe(1);
    await user.dispose();
    await watch.client.endAsync();
    observer = undefined;
    expect(env.stats.find("disconnect", "MQTT")?.numRequests).toBe(1);
  });

  test("subscribes, reports the SUBACK round trip and hands received messages to onMessage handlers", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    const inbox = received(user);
    await user.beforeStart();
    expect(await user.client.subscribe("inbox/+", { qos: 1 })).toBe(true);
    const sender = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    for (const n of [1, 2, 3]) await sender.publishAsync(`inbox/${n}`, `m${n}`, { qos: 1 });
    expect(await inbox.until(3)).toEqual([1, 2, 3].map((n) => ({ topic: `inbox/${n}`, payload: `m${n}` })));
    expect(env.stats.find("subscribe:1:inbox/+", "MQTT")?.numRequests).toBe(1);
    expect(env.stats.find("subscribe:1:inbox/+", "MQTT")?.numFailures).toBe(0);
    await sender.endAsync();
    await user.dispose();
  });

  test("unsubscribe is reported and stops delivery on that topic", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    const inbox = received(user);
    await user.beforeStart();
    await user.client.subscribe("gone", { qos: 1 });
    await user.client.subscribe("kept", { qos: 1 });
    expect(await user.client.unsubscribe("gone")).toBe(true);
    const sender = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await sender.publishAsync("gone", "dropped", { qos: 1 });
    await sender.publishAsync("kept", "marker", { qos: 1 });
    expect(await inbox.until(1)).toEqual([{ topic: "kept", payload: "marker" }]);
    expect(env.stats.find("unsubscribe:gone", "MQTT")?.numRequests).toBe(1);
    await sender.endAsync();
    await user.dispose();
  });

  test("over MQTT 5, measureDelivery reports deliver:{topic} per received message, payload left as sent", async () => {
    const { env } = createRecordingEnvironment();
    const watch = await observe(broker.url, "v5/#", 5);
    const Cls = userClass(broker.url, { protocolVersion: 5 });
    const publisher = new Cls(env);
    const subscriber = new Cls(env);
    const inbox = received(subscriber);
    await publisher.beforeStart();
    await subscriber.beforeStart();
    await subscriber.client.subscribe("v5/t", { qos: 1 });
    for (const n of [1, 2, 3, 4]) await publisher.client.publish("v5/t", `p${n}`, { qos: 1, measureDelivery: true });
    expect((await inbox.until(4)).map((m) => m.payload)).toEqual(["p1", "p2", "p3", "p4"]);
    expect((await watch.until(4)).map((m) => m.payload.toString())).toEqual(["p1", "p2", "p3", "p4"]);
    const deliver = env.stats.find("deliver:v5/t", "MQTT")!;
    expect([deliver.numRequests, deliver.numFailures, deliver.totalContentLength]).toEqual([4, 0, 8]);
    expect(env.stats.find("publish:1:v5/t", "MQTT")?.totalContentLength).toBe(8);
    await Promise.all([publisher.dispose(), subscriber.dispose(), watch.client.endAsync()]);
  });

  test("over MQTT 3.1.1, the delivery stamp precedes the payload and the receiving client strips it", async () => {
    const { env } = createRecordingEnvironment();
    const watch = await observe(broker.url, "v4/t");
    const Cls = userClass(broker.url, { measureDelivery: true });
    const publisher = new Cls(env);
    const subscriber = new Cls(env);
    const inbox = received(subscriber);
    await publisher.beforeStart();
    await subscriber.beforeStart();
    await subscriber.client.subscribe("v4/t");
    await publisher.client.publish("v4/t", "hello");
    expect(await inbox.until(1)).toEqual([{ topic: "v4/t", payload: "hello" }]);
    const [raw] = await watch.until(1);
    expect(raw!.payload.byteLength).toBe(12 + 5);
    expect(raw!.payload.subarray(12).toString()).toBe("hello");
    expect(env.stats.find("deliver:v4/t", "MQTT")?.numRequests).toBe(1);
    await Promise.all([publisher.dispose(), subscriber.dispose(), watch.client.endAsync()]);
  });

  test("passes retain and MQTT 5 publish properties through to the broker", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass(broker.url, { protocolVersion: 5 }))(env);
    await user.beforeStart();
    const properties = { contentType: "application/json", userProperties: { run: "r1" } };
    await user.client.publish("retained/t", '{"v":1}', { qos: 1, retain: true, properties });
    const late = await observe(broker.url, "retained/t", 5);
    const [message] = await late.until(1);
    expect(message!.payload.toString()).toBe('{"v":1}');
    expect(message!.properties).toMatchObject(properties);
    await user.client.publish("retained/t", "", { qos: 1, retain: true }); // clears the retained message
    await Promise.all([user.dispose(), late.client.endAsync()]);
  });

  test("connects and publishes over WebSockets", async () => {
    const { env } = createRecordingEnvironment();
    const watch = await observe(broker.url, "ws/t");
    const user = new (userClass(broker.wsUrl))(env);
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    await user.client.publish("ws/t", "over-ws", { qos: 1 });
    expect((await watch.until(1))[0]!.payload.toString()).toBe("over-ws");
    expect(env.stats.find("publish:1:ws/t", "MQTT")?.numFailures).toBe(0);
    await Promise.all([user.dispose(), watch.client.endAsync()]);
  });

  test("a bare host with transport websockets, port and wsPath reaches the WebSocket listener", async () => {
    const { env } = createRecordingEnvironment();
    const user = new (userClass("127.0.0.1", { transport: "websockets", port: broker.wsPort, wsPath: "/mqtt" }))(env);
    await user.beforeStart();
    expect(user.client.connected).toBe(true);
    await user.dispose();
  });

  test("operations on a client that is not connected fail at once and are counted", async () => {
    const { env, events } = createRecordingEnvironment();
    const user = new (userClass(broker.url))(env);
    expect(await user.client.publish("t", "x", { qos: 1 })).toBe(false);
    expect(await user.client.subscribe("t")).toBe(false);
    expect(events.map((e) => [e.name, String(e.exception)])).toEqual([
      ["publish:1:t", "Error: MQTT client is not connected"],
      ["subscribe:0:t", "Error: MQTT client is not connected"],
    ]);
  });

  test("request context carries the user's context, the client id, topic and qos", async () => {
    const { env, events } = createRecordingEnvironment();
    class WithContext extends userClass(broker.url) {
      override context() {
        return { tenant: "t1" };
      }
    }
    const user = new WithContext(env);
    await user.beforeStart();
    await user.client.publish("ctx", "x", { qos: 1 });
    const publish = events.find((e) => e.name === "publish:1:ctx")!;
    expect(publish.context).toEqual({ tenant: "t1", clientId: user.client.clientId, topic: "ctx", qos: 1 });
    expect(user.client.clientId).toMatch(/^locust-[0-9a-f]{16}$/);
    await user.dispose();
  });
});
