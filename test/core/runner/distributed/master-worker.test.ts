import { expect, test } from "bun:test";
import { Environment } from "../../../../src/core/environment.ts";
import { task } from "../../../../src/core/user/decorators.ts";
import { User } from "../../../../src/core/user/user.ts";
import { FAST_TIMINGS } from "../../../support/distributed-peers.ts";
import { waitFor } from "../../../support/wait-for.ts";

test("a master and two real workers: users split across workers, every request counted once in the master's stats", async () => {
  let fired = 0;
  class Shopper extends User {
    waitTime = () => 0.005;
    @task async buy() {
      fired++;
      this.environment.events.request.fire({ requestType: "GET", name: "/buy", responseTime: 1 + (fired % 7), responseLength: 3, exception: null });
    }
  }
  const masterEnv = new Environment({ userClasses: [Shopper] });
  masterEnv.attachStats();
  const master = masterEnv.createMasterRunner({ bindHost: "127.0.0.1", bindPort: 0, timings: FAST_TIMINGS });
  await master.listen();
  const workers = [0, 1].map((i) => {
    const workerEnv = new Environment({ userClasses: [Shopper] });
    workerEnv.attachStats();
    return workerEnv.createWorkerRunner({ masterPort: master.port, nodeId: `host${i}_w`, timings: FAST_TIMINGS });
  });
  await Promise.all(workers.map((worker) => worker.connect()));
  await master.waitForWorkers(2, 5);
  await master.start(6, 100);
  expect(workers.map((worker) => worker.userCount)).toEqual([3, 3]);
  await waitFor(() => masterEnv.stats.total.numRequests > 50);
  await master.quit();
  await Promise.all(workers.map((worker) => worker.quitted));
  const entry = masterEnv.stats.find("/buy", "GET")!;
  expect(entry.numRequests).toBe(fired);
  expect(masterEnv.stats.total.numRequests).toBe(fired);
  expect(entry.minResponseTime).toBe(1);
  expect(entry.maxResponseTime).toBe(7);
});
