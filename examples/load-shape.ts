// A LoadTestShape: ramp to 10 users, peak at 30, back to 10, then stop — no -u/-t needed. Run: bun run demo -- -f examples/load-shape.ts
import { FastHttpUser, LoadTestShape, between, task, type ShapeTick } from "locust-bun";

export class Visitor extends FastHttpUser {
  waitTime = between(0.1, 0.3);

  @task browse() {
    return this.client.get("/items");
  }
}

export class Stages extends LoadTestShape {
  stages = [
    { until: 5, users: 10, spawnRate: 10 },
    { until: 10, users: 30, spawnRate: 10 },
    { until: 15, users: 10, spawnRate: 10 },
  ];

  override tick(): ShapeTick | null {
    const stage = this.stages.find((s) => this.getRunTime() < s.until);
    return stage ? [stage.users, stage.spawnRate] : null; // null ends the test
  }
}
