/**
 * MqttClient: mqtt.js behind Locust's MQTT request events — connect, publish, subscribe, unsubscribe, disconnect
 * and publish→receive delivery latency, each reported through `events.request`.
 * @module
 */
import type { IClientOptions, IPublishPacket, MqttClient as MqttJsClient } from "mqtt";
import { createLogger } from "../../core/log.ts";
import { endWithin, openBrokerConnection } from "./broker-connection.ts";
import { epochMilliseconds, readStamp, stampPayload, stampProperties } from "./delivery-stamp.ts";
import { importMqtt, type MqttModule } from "./import-mqtt.ts";
import { deliverName, MQTT_REQUEST_TYPE, publishName, subscribeName, unsubscribeName } from "./names.ts";
import { resolveBrokerOptions, type MqttQoS, type MqttSettings } from "./settings.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

const log = createLogger("locust.protocols.mqtt");

/** What this client needs from its user (a `User` fits). */
export type MqttClientOwner = ClientOwner & {
  /** True once the user is asked to stop; the disconnect then waits less for acknowledgements (see disconnect). */
  readonly isStopping?: boolean;
};

/** At stop, how long DISCONNECT may wait for in-flight QoS 1/2 acknowledgements a stalled broker never sends. */
const DISCONNECT_AT_STOP_MS = 1000;

/** A payload: text (sent as UTF-8), bytes, or nothing. */
export type MqttPayload = string | Uint8Array | null | undefined;

/** Options of {@link MqttClient.publish}. */
export interface MqttPublishOptions {
  qos?: MqttQoS;
  retain?: boolean;
  /** MQTT 5 publish properties. */
  properties?: IPublishPacket["properties"];
  /** Stamp this message so subscribers report `deliver:{topic}`; defaults to the client's `measureDelivery`. */
  measureDelivery?: boolean;
}

/** Options of {@link MqttClient.subscribe}. */
export interface MqttSubscribeOptions {
  qos?: MqttQoS;
  /** MQTT 5: no local, retain as published, retain handling. */
  nl?: boolean;
  rap?: boolean;
  rh?: number;
}

/** Called for every received message, with the delivery stamp (if any) already removed. */
export type MqttMessageHandler = (topic: string, payload: Buffer, packet: IPublishPacket) => void;

function toBuffer(payload: MqttPayload): Buffer {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** A readable error for a SUBACK carrying a failure code (0x80 and up), or undefined for any other error. */
function subackFailure(topic: string, err: unknown): Error | undefined {
  const granted = (err as { packet?: { granted?: unknown[] } } | null)?.packet?.granted;
  const code = granted?.find((qos): qos is number => typeof qos === "number" && (qos & 0x80) !== 0);
  if (code === undefined) return undefined;
  const reason = err instanceof Error ? err.message.replace(/^Subscribe error: /, "") : "refused";
  const hex = `0x${code.toString(16).padStart(2, "0")}`;
  return new Error(`Subscribe to ${topic} refused by the broker (SUBACK ${hex} ${reason})`);
}

/**
 * An MQTT connection whose operations are timed and reported with request type `"MQTT"`. Broker faults never throw:
 * the operation resolves to false and the failure is counted, as with Locust's request events. An operation rejects
 * only when the user's abort signal fires (the user is being force-stopped); nothing is reported then.
 * @example
 * ```ts
 * await this.client.subscribe("sensors/#", { qos: 1 });
 * await this.client.publish("sensors/1", JSON.stringify({ t: 21.5 }), { qos: 1 });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#mqttuser
 */
export class MqttClient {
  /** Connection settings, read at `connect()`; may be changed before it. */
  readonly settings: MqttSettings;
  readonly #owner: MqttClientOwner;
  #handlers: MqttMessageHandler[] = [];
  #client: MqttJsClient | undefined;
  #clientId = "";
  #closed: Promise<never> = Promise.reject(new Error("MQTT client is not connected"));

  constructor(owner: MqttClientOwner, settings: MqttSettings = {}) {
    this.#owner = owner;
    this.settings = settings;
    this.#closed.catch(() => {}); // only ever read through races
  }

  /** True while the broker connection is up. */
  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** The client id of the current (or last) connection; before the first, the configured one (or ""). */
  get clientId(): string {
    return this.#clientId || (this.settings.clientId ?? "");
  }

  /** The underlying mqtt.js client once `connect()` ran, for anything this wrapper does not cover. */
  get raw(): MqttJsClient | undefined {
    return this.#client;
  }

  /** Adds a handler for received messages (works before and after `connect()`). */
  onMessage(handler: MqttMessageHandler): this {
    this.#handlers = [...this.#handlers, handler];
    return this;
  }

  /** Same as {@link onMessage}; mirrors mqtt.js's `client.on("message", …)`. */
  on(event: "message", handler: MqttMessageHandler): this {
    if (event !== "message") throw new TypeError(`MqttClient.on supports "message" only, got ${String(event)}`);
    return this.onMessage(handler);
  }

  /**
   * Connects and waits for CONNACK, reported as ("MQTT", "connect") with the real round-trip time (Locust reports
   * 0 ms from its callback). A refused connection, a CONNACK error code or no CONNACK within `connectTimeout` is a
   * counted failure and resolves to false.
   * @throws LocustError when mqtt.js is missing or the host setting is unusable (setup errors, not broker faults).
   */
  async connect(): Promise<boolean> {
    const mqtt = await importMqtt();
    const options = resolveBrokerOptions(this.settings);
    this.#clientId = options.clientId!;
    this.#destroy();
    let ok = false;
    try {
      ok = await this.#timed("connect", 0, {}, () => this.#open(mqtt, options));
    } finally {
      if (!ok) this.#destroy();
    }
    return ok;
  }

  /**
   * Publishes and waits until the broker acknowledged it (PUBACK for QoS 1, PUBCOMP for QoS 2) or, for QoS 0, until
   * it was written. Reported as ("MQTT", `publish:{qos}:{topic}`) with the payload's byte length.
   */
  async publish(topic: string, payload: MqttPayload, options: MqttPublishOptions = {}): Promise<boolean> {
    const qos = options.qos ?? 0;
    const body = toBuffer(payload);
    return this.#timed(publishName(qos, topic), body.byteLength, { topic, qos }, () => {
      const client = this.#requireConnected();
      let message = body;
      let properties = options.properties;
      if (options.measureDelivery ?? this.settings.measureDelivery) {
        const sentAt = epochMilliseconds();
        if (client.options.protocolVersion === 5) properties = stampProperties(properties, sentAt);
        else message = stampPayload(body, sentAt);
      }
      const publishOptions = { qos, retain: options.retain ?? false, ...(properties ? { properties } : {}) };
      return this.#whileOpen(client.publishAsync(topic, message, publishOptions));
    });
  }

  /**
   * Subscribes and waits for SUBACK, reported as ("MQTT", `subscribe:{qos}:{topic}`). A SUBACK failure code
   * (0x80 and up, e.g. refused by the broker's ACL) is a counted failure.
   */
  async subscribe(topic: string, options: MqttSubscribeOptions = {}): Promise<boolean> {
    const qos = options.qos ?? 0;
    return this.#timed(subscribeName(qos, topic), 0, { topic, qos }, async () => {
      const subscribing = this.#requireConnected().subscribeAsync(topic, { ...options, qos });
      const granted = await this.#whileOpen(subscribing).catch((err: unknown) => {
        throw subackFailure(topic, err) ?? err;
      });
      const refused = granted.find((grant) => (grant.qos & 0x80) !== 0);
      if (refused) throw subackFailure(topic, { packet: { granted: [refused.qos] } });
    });
  }

  /** Unsubscribes and waits for UNSUBACK, reported as ("MQTT", `unsubscribe:{topic}`). */
  async unsubscribe(topic: string): Promise<boolean> {
    return this.#timed(unsubscribeName(topic), 0, { topic }, () =>
      this.#whileOpen(this.#requireConnected().unsubscribeAsync(topic)),
    );
  }

  /**
   * Sends DISCONNECT and closes, reported as ("MQTT", "disconnect"). Waits at most `connectTimeout` (1 s when the
   * user is stopping, so a stalled broker cannot hold the end of a run) for in-flight acknowledgements, then closes
   * anyway and counts a failure.
   */
  async disconnect(): Promise<boolean> {
    try {
      const timeout = this.settings.connectTimeout ?? 10_000;
      const limit = this.#owner.isStopping ? Math.min(timeout, DISCONNECT_AT_STOP_MS) : timeout;
      return await this.#timed("disconnect", 0, {}, () => endWithin(this.#requireConnected(), limit));
    } finally {
      this.#destroy();
    }
  }

  /** Disconnects if connected (reported), otherwise just releases the socket. Called when an MqttUser ends. */
  async close(): Promise<void> {
    if (this.connected) await this.disconnect();
    else this.#destroy();
  }

  async #open(mqtt: MqttModule, options: IClientOptions): Promise<void> {
    const connection = openBrokerConnection(mqtt, options);
    this.#client = connection.client;
    this.#closed = connection.closed;
    connection.client.on("message", (topic, payload, packet) => this.#receive(topic, payload, packet));
    await connection.connected;
  }

  #receive(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const stamp = readStamp(payload, packet.properties);
    if (stamp) {
      payload = stamp.payload;
      // Clocks of two processes can disagree by a hair; a negative latency would only confuse the percentiles.
      const latency = Math.max(0, epochMilliseconds() - stamp.sentAt);
      this.#owner.environment.events.request.observe(MQTT_REQUEST_TYPE, deliverName(topic), {
        responseTime: latency,
        responseLength: payload.byteLength,
        context: this.#context({ topic }),
      });
    }
    for (const handler of this.#handlers) {
      try {
        handler(topic, payload, packet);
      } catch (err) {
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log.error(`MQTT message handler failed on ${topic}: ${detail}`);
      }
    }
  }

  #requireConnected(): MqttJsClient {
    const client = this.#client;
    if (!client?.connected) throw new Error("MQTT client is not connected");
    return client;
  }

  /** Races an acknowledgement against the connection closing (mqtt.js keeps QoS 1/2 callbacks pending then). */
  #whileOpen<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#closed]);
  }

  #destroy(): void {
    const client = this.#client;
    this.#client = undefined;
    if (client && !client.disconnected) client.end(true);
  }

  async #timed(name: string, length: number, extra: Record<string, unknown>, work: () => Promise<unknown>): Promise<boolean> {
    const ok = await this.#owner.environment.events.request.measure(MQTT_REQUEST_TYPE, name, () => work().then(() => true), {
      signal: this.#owner.signal,
      responseLength: length,
      context: () => this.#context(extra),
    });
    return ok === true;
  }

  #context(extra: Record<string, unknown>): Record<string, unknown> {
    return { ...this.#owner.context(), clientId: this.clientId, ...extra };
  }
}
