import { describe, expect, test } from "bun:test";
import { Environment } from "../../src/core/environment.ts";
import { task } from "../../src/core/user/decorators.ts";
import { User } from "../../src/core/user/user.ts";
import { constant } from "../../src/core/user/wait-time.ts";
import { StatsPush } from "../../src/ui/stats-push.ts";
import { recordRequest, SteppedClock } from "./ui-fixture.ts";

class IdleUser extends User {
  static override abstract = false;
  override waitTime = constant(3600);
  @task idle() {}
}

describe("threshold badges in the stats frame", () => {
  test("each frame carries every threshold on the stats so far, and follows them as they change", async () => {
    const environment = new Environment({ userClasses: [IdleUser], clock: new SteppedClock(1_800_000_000), thresholds: ["p95<100", '"GET /x":failures<1'] });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    const push = new StatsPush(environment);
    expect(push.tick().thresholds).toEqual([
      ["p95<100", null, false],
      ['"GET /x":failures<1', null, false],
    ]);
    recordRequest(environment, "/x", 10);
    expect(push.tick().thresholds).toEqual([
      ["p95<100", 10, true],
      ['"GET /x":failures<1', 0, true],
    ]);
    recordRequest(environment, "/x", 300, { error: new Error("no") });
    expect(push.tick().thresholds).toEqual([
      ["p95<100", 300, false],
      ['"GET /x":failures<1', 1, false],
    ]);
    // One added by a listener during the run shows up; a malformed one is left out rather than breaking the frame.
    environment.thresholds.push("requests==2", "nonsense");
    expect(push.tick().thresholds?.map(([expression]) => expression)).toEqual(["p95<100", '"GET /x":failures<1', "requests==2"]);
    await runner.quit();
  });

  test("no thresholds: the frame has no thresholds key", async () => {
    const environment = new Environment({ userClasses: [IdleUser], clock: new SteppedClock(1_800_000_000) });
    environment.attachStats();
    const runner = environment.createLocalRunner();
    expect("thresholds" in JSON.parse(JSON.stringify(new StatsPush(environment).tick()))).toBe(false);
    await runner.quit();
  });
});
