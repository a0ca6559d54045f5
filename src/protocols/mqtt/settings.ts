import type { IClientOptions } from "mqtt";
import { LocustError } from "../../core/errors.ts";

/** TLS settings passed to the TLS socket (`mqtts://`, `wss://`): CA, client certificate and key, verification. */
export type MqttTlsOptions = Pick<IClientOptions, "ca" | "cert" | "key" | "rejectUnauthorized" | "servername">;

/** MQTT quality-of-service level. */
export type MqttQoS = 0 | 1 | 2;

/** How an {@link MqttClient} reaches and identifies itself to the broker. */
export interface MqttSettings {
  /** `mqtt://`, `mqtts://`, `ws://` or `wss://` URL, or a bare host name (then `transport`, `tls` and `port` apply). */
  host?: string;
  /** Port when the host does not name one. Default 1883 (tcp), 8883 (tls), 80 / 443 (websockets). */
  port?: number;
  transport?: "tcp" | "websockets";
  /** WebSocket path when the URL has none. Default `/mqtt`. */
  wsPath?: string;
  tls?: boolean;
  tlsOptions?: MqttTlsOptions;
  /** Default `locust-<16 hex digits>` (23 characters, MQTT 3.1's limit). */
  clientId?: string;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  /** Seconds between keep-alive pings. Default 60. */
  keepalive?: number;
  /** Milliseconds to wait for CONNACK before the connect counts as failed. Default 10 000. */
  connectTimeout?: number;
  /** Milliseconds between automatic reconnects; 0 (default) never reconnects, so a dead broker cannot loop. */
  reconnectPeriod?: number;
  /** Start with a clean session. Default true. */
  clean?: boolean;
  /** Stamp every publish so subscribers report its delivery latency (see `deliver:{topic}`). */
  measureDelivery?: boolean;
}

const SCHEMES: Record<string, { protocol: IClientOptions["protocol"]; port: number; ws: boolean }> = {
  "mqtt:": { protocol: "mqtt", port: 1883, ws: false },
  "tcp:": { protocol: "mqtt", port: 1883, ws: false },
  "mqtts:": { protocol: "mqtts", port: 8883, ws: false },
  "ssl:": { protocol: "mqtts", port: 8883, ws: false },
  "tls:": { protocol: "mqtts", port: 8883, ws: false },
  "ws:": { protocol: "ws", port: 80, ws: true },
  "wss:": { protocol: "wss", port: 443, ws: true },
};

/** A fresh `locust-` client id with 16 random hex digits. */
export function createClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `locust-${Buffer.from(bytes).toString("hex")}`;
}

function parseBrokerUrl(settings: MqttSettings): URL {
  const host = settings.host?.trim();
  if (!host) {
    throw new LocustError("MqttUser has no broker address", {
      code: "MQTT_NO_HOST",
      hint: 'Set `static override host = "mqtt://127.0.0.1:1883"` on the user class or pass --host.',
    });
  }
  if (host.includes("://")) return new URL(host);
  const ws = settings.transport === "websockets";
  const scheme = ws ? (settings.tls ? "wss" : "ws") : settings.tls ? "mqtts" : "mqtt";
  return new URL(`${scheme}://${host}`);
}

/**
 * Turns settings into mqtt.js connect options. The URL is parsed here with WHATWG `URL` (mqtt.js would use the
 * deprecated `url.parse`, which prints a warning under Bun).
 */
export function resolveBrokerOptions(settings: MqttSettings): IClientOptions {
  const url = parseBrokerUrl(settings);
  const scheme = SCHEMES[url.protocol];
  if (!scheme) {
    throw new LocustError(`MqttUser cannot use the address ${settings.host}`, {
      code: "MQTT_BAD_HOST",
      hint: "Use an mqtt://, mqtts://, ws:// or wss:// URL.",
    });
  }
  const path = url.pathname && url.pathname !== "/" ? url.pathname : (settings.wsPath ?? "/mqtt");
  return {
    protocol: scheme.protocol,
    // net.connect wants a bare IPv6 address; the WebSocket URL mqtt.js builds needs the brackets.
    hostname: scheme.ws ? url.hostname : url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : (settings.port ?? scheme.port),
    ...(scheme.ws ? { path } : {}),
    ...(settings.tlsOptions ?? {}),
    clientId: settings.clientId ?? createClientId(),
    username: settings.username ?? (url.username ? decodeURIComponent(url.username) : undefined),
    password: settings.password ?? (url.password ? decodeURIComponent(url.password) : undefined),
    protocolVersion: settings.protocolVersion ?? 4,
    keepalive: settings.keepalive ?? 60,
    connectTimeout: settings.connectTimeout ?? 10_000,
    reconnectPeriod: settings.reconnectPeriod ?? 0,
    clean: settings.clean ?? true,
  };
}
