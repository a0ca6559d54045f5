// MqttUser: QoS 0/1 publishes, a subscription, and publish→receive latency (deliver:{topic}). Run: bunx locust-bun -f examples/mqtt.ts --headless -u 5 -t 10s
import { between, task } from "locust-bun";
import { MqttUser } from "locust-bun/mqtt";

export class Sensor extends MqttUser {
  // Used when --host is not given; ws://host:port/mqtt and mqtts:// work too.
  static override host = "mqtt://127.0.0.1:1883";
  // MQTT 5: the send time travels as a user property, so payloads stay exactly as published.
  static override protocolVersion = 5 as const;
  // Every publish carries its send time; every MqttUser that receives it reports MQTT "deliver:{topic}".
  static override measureDelivery = true;
  // A dead broker is a counted "connect" failure after 3 s, never a hang.
  static override connectTimeout = 3000;
  override waitTime = between(0.5, 1.5);

  override async onStart() {
    // Connected already (reported as MQTT "connect": the real CONNACK round trip).
    // Reported as MQTT "subscribe:1:sensors/temperature" (time until SUBACK; a refusal is a failure).
    await this.client.subscribe("sensors/temperature", { qos: 1 });
    this.client.onMessage((topic, payload) => {
      if (topic === "alerts" && payload.toString() === "stop") console.log(`${this.client.clientId} saw a stop alert`);
    });
  }

  @task(5)
  async temperature() {
    // Reported as MQTT "publish:1:sensors/temperature" once the broker's PUBACK arrived; length = payload bytes.
    const reading = JSON.stringify({ celsius: 18 + Math.random() * 5, at: Date.now() });
    await this.client.publish("sensors/temperature", reading, { qos: 1 });
  }

  @task(1)
  async heartbeat() {
    // QoS 0 is timed until the packet is written; nobody subscribes, so no deliver sample.
    await this.client.publish("sensors/heartbeat", "ok", { qos: 0, measureDelivery: false });
  }
}
