// Pass/fail gates for CI: thresholds exported from the locustfile and added in an init listener. Run: bun run demo -- -f examples/thresholds.ts --junit out/junit.xml
import { FastHttpUser, between, events, task } from "locust-bun";

/** Read by locust-bun with any `--threshold` flags; a failed one makes the run exit 3. */
export const thresholds = [
  "p95<1000", // the aggregate's 95th percentile, in ms
  '"GET /items":p99<=2000', // one request row: quote a name with spaces
  "requests>=1",
];

// Thresholds can also be set from code, e.g. from an environment variable of the CI job.
events.init.addListener(({ environment }) => {
  environment.thresholds.push(`fail_ratio<=${process.env.MAX_FAIL_RATIO ?? "0.5"}`);
});

export class Browser extends FastHttpUser {
  waitTime = between(0.05, 0.2);

  @task async browse() {
    await this.client.get("/items");
  }
}
