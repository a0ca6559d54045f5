import { expect, test } from "bun:test";
import { StopUser } from "../../src/core/errors.ts";
import { runSingleUser } from "../../src/core/single-user.ts";
import { task } from "../../src/core/user/decorators.ts";
import { User } from "../../src/core/user/user.ts";

test("runSingleUser runs one user in this process and prints each request", async () => {
  let runs = 0;
  class Debugged extends User {
    @task async work() {
      await this.environment.events.request.measure("custom", "step", async () => {});
      if (++runs === 3) throw new StopUser();
    }
  }
  const lines: string[] = [];
  const environment = await runSingleUser(Debugged, { write: (line) => void lines.push(line) });
  expect(runs).toBe(3);
  expect(lines).toHaveLength(4); // header + 3 requests
  expect(lines[1]).toMatch(/^custom\s+step\s+\d+\.\d\d 0\n$/);
  expect(environment.stats.total.numRequests).toBe(3);
});
