// Tags and pacing: run with -T checkout to keep only tagged tasks; constantThroughput caps each user at 2 tasks/s. Run: bun run demo -- -f examples/tags-and-pacing.ts -T checkout
import { FastHttpUser, constantThroughput, tag, task } from "locust-bun";

export class Paced extends FastHttpUser {
  waitTime = constantThroughput(2);

  @tag("browse") @task(3) browse() {
    return this.client.get("/items");
  }

  @tag("checkout") @task buy() {
    return this.client.post("/cart", { json: { id: 1 } });
  }
}
