import type { IPublishPacket } from "mqtt";

/**
 * How a publish carries its send time to subscribers, for the `deliver:{topic}` latency:
 * - MQTT 5: a user property `locust-sent-at` holding epoch milliseconds (payload untouched);
 * - MQTT 3.1.1: a 12-byte prefix — the 4 magic bytes `00 4C 42 74` ("\0LBt") and a big-endian float64 of epoch
 *   milliseconds — which the receiving MqttClient strips before handlers see the payload.
 * Epoch time (`performance.timeOrigin + performance.now()`) keeps sub-millisecond precision and works across
 * processes on one machine; across machines it is only as good as their clock sync.
 */
export const SENT_AT_PROPERTY = "locust-sent-at";
const MAGIC = [0x00, 0x4c, 0x42, 0x74] as const;
const HEADER_BYTES = 12;

type PublishProperties = NonNullable<IPublishPacket["properties"]>;

/** A delivery stamp found on a received message. */
export interface DeliveryStamp {
  /** Epoch milliseconds when the publisher sent it. */
  sentAt: number;
  /** The payload without the stamp. */
  payload: Buffer;
}

/** Epoch milliseconds with sub-millisecond precision. */
export function epochMilliseconds(): number {
  return performance.timeOrigin + performance.now();
}

/** Prefixes `payload` with the MQTT 3.1.1 stamp. */
export function stampPayload(payload: Buffer, sentAt: number): Buffer {
  const stamped = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  stamped.set(MAGIC, 0);
  stamped.writeDoubleBE(sentAt, MAGIC.length);
  stamped.set(payload, HEADER_BYTES);
  return stamped;
}

/** Adds the MQTT 5 stamp to publish properties (a copy; the caller's object is not changed). */
export function stampProperties(properties: PublishProperties | undefined, sentAt: number): PublishProperties {
  const userProperties = { ...properties?.userProperties, [SENT_AT_PROPERTY]: String(sentAt) };
  return { ...properties, userProperties };
}

function hasMagic(payload: Buffer): boolean {
  if (payload.byteLength < HEADER_BYTES) return false;
  return MAGIC.every((byte, i) => payload[i] === byte);
}

/** The stamp of a received message, or undefined when it carries none. */
export function readStamp(payload: Buffer, properties: PublishProperties | undefined): DeliveryStamp | undefined {
  const property = properties?.userProperties?.[SENT_AT_PROPERTY];
  const text = Array.isArray(property) ? property[0] : property;
  if (text !== undefined) {
    const sentAt = Number(text);
    return Number.isFinite(sentAt) ? { sentAt, payload } : undefined;
  }
  if (!hasMagic(payload)) return undefined;
  return { sentAt: payload.readDoubleBE(MAGIC.length), payload: payload.subarray(HEADER_BYTES) };
}
