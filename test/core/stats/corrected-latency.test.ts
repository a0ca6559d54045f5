import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { constantThroughput } from "../../../src/core/user/wait-time.ts";
import { FastHttpUser } from "../../../src/protocols/fasthttp/index.ts";
import { startStallingTarget } from "../../support/stalling-target.ts";
import { waitFor } from "../../support/wait-for.ts";

const STALL_MS = 500;
const INTERVAL_MS = 5; // constantThroughput(200)

/** GETs `host` at 200 iterations/s on a pool of at most `maxUsers`, until `requests` are recorded. */
async function runArrivalRate(host: string, maxUsers: number, requests: number): Promise<Environment> {
  class Api extends FastHttpUser {
    static override host = host;
    @task async get() {
      await this.client.get("/");
    }
  }
  const environment = new Environment({ userClasses: [Api] });
  environment.attachStats();
  const runner = environment.createLocalRunner();
  await runner.startArrivalRate({ rate: 200, maxUsers });
  await waitFor(() => environment.stats.total.numRequests >= requests);
  await runner.quit();
  return environment;
}

describe("latency corrected for coordinated omission, against a target that stalls 500 ms once", () => {
  test("a paced user: measured p99 stays Locust's (the stall is one sample); corrected p99 shows the stall as wrk2 does", async () => {
    await using target = startStallingTarget(50, STALL_MS);
    class Paced extends FastHttpUser {
      static override host = target.url;
      override waitTime = constantThroughput(1000 / INTERVAL_MS);
      @task async get() {
        await this.client.get("/");
      }
    }
    const environment = new Environment({ userClasses: [Paced] });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    await runner.start(1, 1);
    await waitFor(() => environment.stats.total.numRequests >= 200);
    await runner.quit();

    const measured = environment.stats.get("/", "GET");
    const corrected = environment.stats.corrected.find("/", "GET")!;
    const stall = measured.maxResponseTime;
    expect(stall).toBeGreaterThanOrEqual(STALL_MS - 1);
    // Measured: one slow sample among ~200, exactly what Locust's closed model records.
    expect(measured.getResponseTimePercentile(0.99)).toBeLessThan(50);
    // Corrected: the stalled request also stands for the ones the pace would have sent during it: latencies
    // stall − 5, stall − 10, … down to 5 ms (HdrHistogram's expected-interval correction, wrk2's report). Any
    // other request slower than two intervals adds its own few.
    const synthetic = Math.floor((stall - INTERVAL_MS) / INTERVAL_MS);
    expect(corrected.count - measured.numRequests).toBeGreaterThanOrEqual(synthetic);
    expect(corrected.count - measured.numRequests).toBeLessThanOrEqual(synthetic + 10);
    expect(corrected.maxResponseTime).toBe(stall);
    const expectedP99 = stall - INTERVAL_MS * Math.floor(corrected.count * 0.01);
    expect(corrected.getResponseTimePercentile(0.99)).toBeGreaterThanOrEqual(expectedP99 * 0.95);
    expect(corrected.getResponseTimePercentile(0.99)).toBeLessThanOrEqual(stall);
    expect(corrected.getResponseTimePercentile(0.5)).toBeLessThan(50);
  });

  test("an unpaced closed-model user records nothing corrected", async () => {
    await using target = startStallingTarget(5, 50);
    class Plain extends FastHttpUser {
      static override host = target.url;
      @task async get() {
        await this.client.get("/");
      }
    }
    const environment = new Environment({ userClasses: [Plain] });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    await runner.start(1, 1);
    await waitFor(() => environment.stats.total.numRequests >= 20);
    await runner.quit();
    expect(environment.stats.corrected.hasSamples).toBe(false);
  });

  test("arrival rate with room in the pool: the open model's measured latency itself sees the stall", async () => {
    await using target = startStallingTarget(50, STALL_MS);
    const environment = await runArrivalRate(target.url, 500, 300);
    const measured = environment.stats.get("/", "GET");
    // ~100 requests were due during the stall; each waited for its end: far more than 1 % of samples are slow.
    expect(measured.getResponseTimePercentile(0.9)).toBeGreaterThan(STALL_MS / 4);
    expect(environment.stats.iterations.dropped).toBe(0);
    expect(environment.stats.corrected.total.count).toBe(measured.numRequests);
  });

  test("arrival rate with a pool of one: iterations due during the stall are dropped and counted", async () => {
    await using target = startStallingTarget(20, STALL_MS);
    const environment = await runArrivalRate(target.url, 1, 60);
    const { started, dropped } = environment.stats.iterations;
    expect(dropped).toBeGreaterThanOrEqual(Math.floor((STALL_MS * 200) / 1000) * 0.8);
    expect(started).toBeGreaterThanOrEqual(60);
  });
});
