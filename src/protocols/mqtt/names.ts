import type { MqttQoS } from "./settings.ts";

/** The request type of every MQTT operation, as in Locust's MqttUser. */
export const MQTT_REQUEST_TYPE = "MQTT";

/** Name of a publish: `publish:{qos}:{topic}` (Locust's). */
export function publishName(qos: MqttQoS, topic: string): string {
  return `publish:${qos}:${topic}`;
}

/** Name of a subscribe: `subscribe:{qos}:{topic}` (Locust's). */
export function subscribeName(qos: MqttQoS, topic: string): string {
  return `subscribe:${qos}:${topic}`;
}

/** Name of an unsubscribe: `unsubscribe:{topic}` (Locust has no unsubscribe event). */
export function unsubscribeName(topic: string): string {
  return `unsubscribe:${topic}`;
}

/** Name of a publish→receive latency sample: `deliver:{topic}` (beyond Locust). */
export function deliverName(topic: string): string {
  return `deliver:${topic}`;
}
