/**
 * MQTT protocol plugin: `MqttUser` and its timed `MqttClient` (mqtt.js, loaded on first connect).
 * @module
 */
export { MqttUser } from "./mqtt-user.ts";
export {
  MqttClient,
  type MqttClientOwner,
  type MqttMessageHandler,
  type MqttPayload,
  type MqttPublishOptions,
  type MqttSubscribeOptions,
} from "./client.ts";
export { createClientId, type MqttQoS, type MqttSettings, type MqttTlsOptions } from "./settings.ts";
export { SENT_AT_PROPERTY } from "./delivery-stamp.ts";
export { MQTT_REQUEST_TYPE, deliverName, publishName, subscribeName, unsubscribeName } from "./names.ts";
