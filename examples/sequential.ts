// SequentialTaskSet: a checkout journey whose steps always run in order. Run: bun run demo -- -f examples/sequential.ts
import { HttpUser, SequentialTaskSet, constant, task } from "locust-bun";

class Checkout extends SequentialTaskSet<HttpUser> {
  @task browse() {
    return this.client.get("/items");
  }

  @task addToCart() {
    return this.client.post("/cart", { json: { id: 7 } });
  }

  @task pay() {
    return this.client.get("/slow", { name: "pay" });
  }

  @task done() {
    this.interrupt(false); // journey over: wait, then start again
  }
}

export class Buyer extends HttpUser {
  static tasks = [Checkout];
  waitTime = constant(0.2);
}
