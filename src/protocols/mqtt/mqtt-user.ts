import type { Environment } from "../../core/environment.ts";
import { User } from "../../core/user/user.ts";
import { MqttClient } from "./client.ts";
import { createClientId, type MqttSettings, type MqttTlsOptions } from "./settings.ts";

/**
 * A user with one MQTT connection (`this.client`), opened in `onStart` and closed in `onStop`. Settings are static so
 * a subclass states them once; change `this.client.settings` in a constructor for per-user values.
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
export class MqttUser extends User {
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

  /** This user's MQTT connection. */
  readonly client: MqttClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof MqttUser;
    const settings: MqttSettings = {
      host: this.host,
      port: cls.port,
      transport: cls.transport,
      wsPath: cls.wsPath,
      tls: cls.tls,
      tlsOptions: cls.tlsOptions,
      clientId: createClientId(),
      username: cls.username,
      password: cls.password,
      protocolVersion: cls.protocolVersion,
      keepalive: cls.keepalive,
      connectTimeout: cls.connectTimeout,
      measureDelivery: cls.measureDelivery,
    };
    this.client = new MqttClient(this, settings);
  }

  /** Connects; a refused or failed connect is a counted ("MQTT", "connect") failure, and the user keeps running. */
  override async onStart(): Promise<void> {
    await this.client.connect();
  }

  /** Disconnects (reported as ("MQTT", "disconnect") when the connection was up). */
  override async onStop(): Promise<void> {
    await this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override async dispose(): Promise<void> {
    await this.client.close();
  }
}
