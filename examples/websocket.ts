// WebSocketUser: request/reply matched by id, fire-and-forget sends. Run: bunx locust-bun -f examples/websocket.ts --headless -u 5 -t 10s
import { between, task } from "locust-bun";
import { WebSocketUser } from "locust-bun/websocket";

// Without --host the example talks to this tiny quote server: it answers {"op":"quote","id":n} with a tick
// (unrelated traffic) and then the matching {"id":n,"price":…}.
const demo = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch: (req, server) => (server.upgrade(req) ? undefined : new Response("WebSocket only", { status: 426 })),
  websocket: {
    message(ws, message) {
      const { op, id } = JSON.parse(String(message));
      if (op !== "quote") return;
      ws.send(JSON.stringify({ type: "tick" }));
      ws.send(JSON.stringify({ id, price: 100 + Math.random() }));
    },
  },
});

export class Trader extends WebSocketUser {
  static override host = `ws://127.0.0.1:${demo.port}/`;
  // Report received messages as WSR, named by their "type" field (or "reply").
  static override reportReceived = true;
  static override receivedName = (message: string | Uint8Array) => JSON.parse(String(message)).type ?? "reply";
  override waitTime = between(0.2, 1);
  #nextId = 0;

  @task(3)
  async quote() {
    const id = ++this.#nextId;
    // Reported as WSC "quote": from send until the reply with our id arrived (ticks are skipped).
    const reply = await this.client.request(JSON.stringify({ op: "quote", id }), {
      match: (message) => JSON.parse(String(message)).id === id,
      timeout: 2000,
      name: "quote",
    });
    if (reply === undefined) return; // timed out or the connection closed: already counted as a failure
  }

  @task(1)
  async note() {
    // Reported as WSS "note" (hand-off time, message bytes).
    this.client.send(JSON.stringify({ op: "note", text: "hello" }), "note");
  }
}
