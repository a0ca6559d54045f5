import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { MqttClient } from "./client.ts";
import { createClientId, type MqttTlsOptions } from "./settings.ts";

const SETTINGS = [
  "port", "transport", "wsPath", "tls", "tlsOptions", "username", "password", "protocolVersion", "keepalive",
  "connectTimeout", "measureDelivery",
] as const;

/**
 * A user with one MQTT connection (`this.client`), opened before `onStart` and closed when the user ends (a
 * refused connect is a counted ("MQTT", "connect") failure, and the user keeps running; the disconnect is reported
 * as ("MQTT", "disconnect") when the connection was up). Settings are static so a subclass states them once;
 * change `this.client.settings` in a constructor for per-user values.
 * @example
 * ```ts
 * export class Sensor extends MqttUser {
 *   static override host = "mqtt://127.0.0.1:1883";
 *   static override protocolVersion = 5 as const;
 *   waitTime = between(1, 2);
 *   @task async report() { await this.client.publish("sensors/1", "21.5", { qos: 1 }); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#mqttuser
 */
export class MqttUser extends ProtocolUser<MqttClient> {
  static override abstract = true;
  /** Port when the host names none. */
  static port?: number;
  static transport: "tcp" | "websockets" = "tcp";
  /** WebSocket path when the host URL has none. */
  static wsPath = "/mqtt";
  static tls = false;
  static tlsOptions?: MqttTlsOptions;
  static username?: string;
  static password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  static protocolVersion: 4 | 5 = 4;
  /** Keep-alive interval in seconds. */
  static keepalive = 60;
  /** Milliseconds to wait for CONNACK. */
  static connectTimeout = 10_000;
  /** Stamp every publish so subscribers report `deliver:{topic}` latency. */
  static measureDelivery = false;

  protected override createClient(settings: typeof MqttUser): MqttClient {
    const picked = pickSettings(settings, SETTINGS);
    return new MqttClient(this, { ...picked, host: this.host, clientId: createClientId() });
  }
}
