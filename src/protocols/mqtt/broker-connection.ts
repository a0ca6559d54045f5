import type { IClientOptions, MqttClient as MqttJsClient } from "mqtt";
import { createLogger } from "../../core/log.ts";
import type { MqttModule } from "./import-mqtt.ts";

const log = createLogger("locust.protocols.mqtt");

/** One mqtt.js connection attempt and what became of it. */
export interface BrokerConnection {
  readonly client: MqttJsClient;
  /** Settles at CONNACK; rejects with a readable error when the broker refuses, is unreachable or stays silent. */
  readonly connected: Promise<void>;
  /** Rejects once the connection closes (after or before CONNACK); never resolves. Safe to leave unawaited. */
  readonly closed: Promise<never>;
}

function connectFailure(options: IClientOptions, error: Error | undefined): Error {
  // mqtt.js says only "connack timeout"; name the broker and the limit instead.
  if (error && error.message !== "connack timeout") return error;
  const where = `${options.protocol}://${options.hostname}:${options.port}`;
  const limit = options.connectTimeout;
  return new Error(`MQTT broker at ${where} closed the connection or sent no CONNACK within ${limit} ms`);
}

/** Starts connecting with `options` (mqtt.js `connect`); the caller attaches message listeners to `client`. */
export function openBrokerConnection(mqtt: MqttModule, options: IClientOptions): BrokerConnection {
  const client = mqtt.connect(options);
  let lastError: Error | undefined;
  // mqtt.js emits "error" for refusals and socket faults; without a listener it would throw.
  client.on("error", (err) => {
    lastError = err;
    log.debug(`${options.clientId}: ${err.message}`);
  });
  const connected = new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("close", () => reject(connectFailure(options, lastError)));
  });
  const closed = new Promise<never>((_, reject) => {
    client.once("close", () => reject(new Error(`MQTT connection closed${lastError ? `: ${lastError.message}` : ""}`)));
  });
  closed.catch(() => {}); // only ever read through races
  connected.catch(() => {}); // the caller awaits it; an abort may leave it unawaited
  return { client, connected, closed };
}

/**
 * Sends DISCONNECT and waits for the socket to close, at most `limitMs` (mqtt.js waits for in-flight QoS 1/2
 * acknowledgements first, which a stalled broker never sends).
 */
export async function endWithin(client: MqttJsClient, limitMs: number): Promise<void> {
  let timer: Timer | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`MQTT disconnect did not finish within ${limitMs} ms`)), limitMs);
  });
  try {
    await Promise.race([client.endAsync(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
