/**
 * A master's web UI: its workers in `/stats/requests`, `/worker-count`, `/logs`, `/metrics` and the Workers tab of
 * the real page (Debian's chromium through playwright-core).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { haveChromium, launchChromium } from "./app/browser.ts";
import { Environment } from "../../src/core/environment.ts";
import { defaultOptions } from "../../src/core/options/index.ts";
import type { MasterRunner } from "../../src/core/runner/distributed/master-runner.ts";
import { startWebUi, type RunningWebUi } from "../../src/ui/server.ts";
import { FAST_TIMINGS, FakeWorker } from "../support/distributed-peers.ts";
import { TargetUser } from "./ui-fixture.ts";


let master: MasterRunner;
let ui: RunningWebUi;
let workers: FakeWorker[] = [];
let beating: ReturnType<typeof setInterval>;

beforeAll(async () => {
  const environment = new Environment({ userClasses: [TargetUser] });
  environment.attachStats();
  master = environment.createMasterRunner({ bindHost: "127.0.0.1", bindPort: 0, timings: { ...FAST_TIMINGS, heartbeatIntervalMs: 1000 } });
  await master.listen();
  ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0 });
  workers = await Promise.all(["hostA_w1", "hostB_w2"].map((id) => FakeWorker.connect(master.port, id)));
  await Promise.all(workers.map((worker) => worker.inbox.nth("ack")));
  const beat = () => {
    workers[0]!.send("heartbeat", { state: "running", current_cpu_usage: 37.5, current_memory_usage: 52_428_800 });
    workers[1]!.send("heartbeat", { state: "ready", current_cpu_usage: 2, current_memory_usage: 10_485_760 });
  };
  beat();
  beating = setInterval(beat, 200);
  workers[0]!.send("spawning_complete", { user_classes_count: { TargetUser: 3 }, user_count: 3 });
  workers[1]!.send("logs", { worker_id: "hostB_w2", logs: ["[worker] hello from B"] });
  await workers[0]!.inbox.nth("heartbeat");
  while (master.workerLogs.size === 0 || master.userCount !== 3) await Bun.sleep(5);
});

afterAll(async () => {
  clearInterval(beating);
  for (const worker of workers) await worker.close();
  await master?.quit();
  await ui?.stop();
});

const get = (path: string) => fetch(new URL(path.slice(1), ui.url));

describe("a master's web UI", () => {
  test("/stats/requests lists the workers with Locust's keys, and /worker-count counts them", async () => {
    const report = (await (await get("/stats/requests")).json()) as Record<string, unknown>;
    expect(report.workers).toEqual([
      { id: "hostA_w1", state: "running", user_count: 3, cpu_usage: 37.5, memory_usage: 52_428_800 },
      { id: "hostB_w2", state: "ready", user_count: 0, cpu_usage: 2, memory_usage: 10_485_760 },
    ]);
    expect(report.worker_count).toBe(2);
    expect(report.user_count).toBe(3);
    expect(await (await get("/worker-count")).json()).toEqual({ worker_count: 2 });
  });

  test("/logs carries each worker's shipped lines, /metrics the workers per state", async () => {
    const logs = (await (await get("/logs")).json()) as { workers: Record<string, string[]> };
    expect(logs.workers).toEqual({ hostB_w2: ["[worker] hello from B"] });
    const metrics = await (await get("/metrics")).text();
    expect(metrics).toContain('locust_workers{state="running"} 1');
    expect(metrics).toContain('locust_workers{state="ready"} 1');
    expect(metrics).toContain('locust_workers{state="missing"} 0');
  });

  test.skipIf(!haveChromium)("the Workers tab shows each worker's id, state, users, CPU and memory", async () => {
    const { context, close } = await launchChromium();
    try {
      const page = await context.newPage();
      await page.goto(`${ui.url}#workers`);
      await page.waitForSelector("#workers-table tbody tr:nth-child(2)");
      const rows = await page.$$eval("#workers-table tbody tr", (trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent)));
      expect(rows).toEqual([
        ["hostA_w1", "running", "3", "37.5 %", "50.0 MB"],
        ["hostB_w2", "ready", "0", "2.0 %", "10.0 MB"],
      ]);
      expect(await page.textContent("#workers-count")).toBe("2");
      expect(await page.isVisible('nav.tabs [data-tab="workers"]')).toBe(true);
    } finally {
      await close();
    }
  });
});
