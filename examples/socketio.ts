// SocketIOUser: connect (WS), emit (WSE), send (WSS), call with ack (WSC), received events (WSR). Run: bunx locust-bun -f examples/socketio.ts --host http://127.0.0.1:3000 --headless -u 5 -t 10s
import { between, task, type Environment } from "locust-bun";
import { SocketIOUser, type SocketIOTransport } from "locust-bun/socketio";

// Expects a Socket.IO server that acks "echo" with its argument (socket.on("echo", (data, ack) => ack(data))) and may
// push "news" events; any other events are simply received and counted.
export class Chatter extends SocketIOUser {
  static override host = "http://127.0.0.1:3000";
  // WebSocket only by default; add "polling" for servers behind proxies without WebSocket support.
  static override transports: SocketIOTransport[] = ["websocket"];
  // A call without an ack within 5 s is a counted failure.
  static override callTimeout = 5000;
  override waitTime = between(0.5, 2);

  constructor(environment: Environment) {
    super(environment);
    // Per-user credentials go into the handshake, which happens before onStart (reported as WS "connect").
    this.client.settings.auth = { user: `user-${Math.floor(Math.random() * 1e6)}` };
  }

  override async onStart() {
    // Every received event is also reported as WSR "<event>" (0 ms, JSON byte length).
    this.client.on("news", (item: { headline?: string }) => {
      if (item.headline === "shutdown") this.client.emit("bye");
    });
    this.client.emit("join", { room: "lobby" }); // WSE "join"
  }

  @task(5)
  async echo() {
    // WSC "echo": round trip until the server's ack; resolves to the ack's value (undefined on failure).
    const reply = await this.client.call("echo", { text: "hello", at: Date.now() });
    if (reply === undefined) return; // timeout or disconnect: already counted
  }

  @task(1)
  async chat() {
    this.client.send("hi everyone", "chat message"); // WSS "chat message"
  }
}
