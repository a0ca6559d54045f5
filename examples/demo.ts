// The demo shop journey; run with `bun run demo` (starts the embedded target) or against your own host with -H.
import { FastHttpUser, HttpUser, between, task, tag } from "locust-bun";

/** Browses the catalogue, looks at items and sometimes buys one. */
export class Shopper extends FastHttpUser {
  static override weight = 3;
  waitTime = between(0.05, 0.2);

  @task(4) async browse() {
    await this.client.get("/items");
  }

  @task(3) async viewItem() {
    const id = Math.floor(Math.random() * 60);
    await this.client.get(`/items/${id}`, { name: "/items/[id]", catchResponse: true }, async (response) => {
      if (response.status === 404) response.success();
    });
  }

  @tag("checkout")
  @task async buy() {
    await this.client.post("/cart", { json: { id: Math.floor(Math.random() * 50) } });
  }
}

/** A slower visitor on the fetch-based client, hitting the slow and flaky pages. */
export class Visitor extends HttpUser {
  waitTime = between(0.2, 0.5);

  @task async home() {
    await this.client.get("/");
  }

  @task async slow() {
    await this.client.get("/slow");
  }

  @task async flaky() {
    await this.client.get("/flaky");
  }
}
