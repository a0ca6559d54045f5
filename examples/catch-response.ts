// Catch-response: decide success or failure yourself, with a callback or with `await using`. Run: bun run demo -- -f examples/catch-response.ts
import { HttpUser, constant, task } from "locust-bun";

export class Checker extends HttpUser {
  waitTime = constant(0.1);

  @task missingItemIsFine() {
    return this.client.get("/items/999", { name: "/items/[missing]", catchResponse: true }, async (response) => {
      if (response.status === 404) response.success();
    });
  }

  @task async itemsHaveNames() {
    await using response = await this.client.get("/items", { catchResponse: true });
    const items = response.json<{ name?: string }[]>();
    if (!items.every((item) => item.name)) response.failure("an item without a name");
  }
}
