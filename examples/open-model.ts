// Closed vs open model against a target (started by this file) that freezes 1 s in every 5 s. Run both and compare the tables:
//   bunx locust-bun -f examples/open-model.ts ClosedUser --headless -u 1 -t 15s
//   bunx locust-bun -f examples/open-model.ts OpenUser --headless --arrival-rate 50 --max-users 100 -t 15s
import { FastHttpUser, constantThroughput, task } from "locust-bun";

/** The system under test: answers at once, except for the first second of every five (a GC pause, a failover). */
const target = Bun.serve({
  port: 0,
  async fetch() {
    const intoCycle = performance.now() % 5000;
    if (intoCycle < 1000) await Bun.sleep(1000 - intoCycle);
    return new Response("ok");
  },
});
target.unref();
const host = `http://127.0.0.1:${target.port}`;

/**
 * Closed model, one user paced at 50 tasks/s. During a freeze it waits for its one reply, so the 50 requests the
 * freeze should have hit are never sent: the measured table shows one slow sample per freeze. The corrected table
 * (latency from each request's intended start) puts the missed ones back, as wrk2 reports them.
 */
export class ClosedUser extends FastHttpUser {
  static override host = host;
  override waitTime = constantThroughput(50);

  @task async get() {
    await this.client.get("/");
  }
}

/**
 * Open model: with `--arrival-rate 50` requests keep arriving during a freeze, each on a free user of the pool, so
 * the measured latency itself shows the freeze, and the pool grows to cover it (up to `--max-users`; iterations
 * due beyond that are dropped and counted).
 */
export class OpenUser extends FastHttpUser {
  static override host = host;

  @task async get() {
    await this.client.get("/");
  }
}
