// Locust's manual_stats_reporting example, ported: time any block into the stats; a forced stop is never a failure. Run: bunx locust-bun -f examples/manual-stats-reporting.ts --headless -u 3 -t 10s
import { User, constant, events, task } from "locust-bun";

/**
 * Times `block` under `name` (type "manual"); an error is reported as the failure and rethrown. When the run
 * stops, `this.sleep()` rejects with ForcedStop: this catch reports it, and the request event drops that report.
 */
async function manualReport(name: string, block: () => Promise<void>): Promise<void> {
  const started = performance.now();
  const report = (exception: unknown) =>
    events.request.fire({ requestType: "manual", name, responseTime: performance.now() - started, responseLength: 0, exception });
  try {
    await block();
  } catch (e) {
    report(e);
    throw e;
  }
  report(null);
}

export class MyUser extends User {
  waitTime = constant(1);

  @task async successfulTask() {
    await manualReport("successful_task", () => this.sleep(Math.random() * 1000));
  }

  @task async decoratorTest() {
    await manualReport("decoratorTest", async () => {
      if (Math.random() > 0.5) throw new Error("decorator_task failed");
      await this.sleep(Math.random() * 1000);
    });
  }

  @task async failingTask() {
    await manualReport("failing_task", async () => {
      await this.sleep(Math.random() * 1000);
      throw new Error("Oh nooes!");
    });
  }
}
