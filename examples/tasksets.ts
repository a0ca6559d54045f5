// Nested TaskSets: a forum section a user enters, browses, and leaves with interrupt(). Run: bun run demo -- -f examples/tasksets.ts
import { HttpUser, TaskSet, between, task } from "locust-bun";

class Catalogue extends TaskSet<HttpUser> {
  override async onStart() {
    await this.client.get("/items");
  }

  @task(5) viewItem() {
    return this.client.get(`/items/${Math.floor(Math.random() * 50)}`, { name: "/items/[id]" });
  }

  @task leave() {
    this.interrupt(); // back to the user's own tasks
  }
}

export class Browser extends HttpUser {
  static tasks = [[Catalogue, 3] as const];
  waitTime = between(0.1, 0.5);

  @task home() {
    return this.client.get("/");
  }
}
