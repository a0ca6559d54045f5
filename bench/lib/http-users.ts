// The locust-bun side of bench/http.ts: the same one-GET task on each HTTP client, no wait time.
import { FastHttpUser, HttpUser, task } from "../../src/index.ts";

export class FastUser extends FastHttpUser {
  @task get() {
    return this.client.get("/");
  }
}

export class FetchUser extends HttpUser {
  @task get() {
    return this.client.get("/");
  }
}
