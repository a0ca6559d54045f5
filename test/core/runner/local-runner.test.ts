import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { StopTest } from "../../../src/core/errors.ts";
import { LoadTestShape, type ShapeTick } from "../../../src/core/shape/load-test-shape.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { User } from "../../../src/core/user/user.ts";
import { FakeClock } from "../../support/fake-clock.ts";

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function classes() {
  class Alpha extends User {
    static override weight = 3;
    waitTime = () => 1;
    @task t() {}
  }
  class Beta extends User {
    waitTime = () => 1;
    @task t() {}
  }
  return [Alpha, Beta];
}

describe("LocalRunner", () => {
  test("ramps at the spawn rate, goes ready → spawning → running → stopped, firing events in order", async () => {
    const clock = new FakeClock();
    const env = new Environment({ userClasses: classes(), clock });
    env.attachStats();
    const runner = env.createLocalRunner();
    const seen: string[] = [];
    env.events.testStart.addListener(() => seen.push(`testStart:${runner.state}`));
    env.events.spawningComplete.addListener(({ userCount }) => seen.push(`spawningComplete:${userCount}`));
    env.events.testStopping.addListener(() => seen.push("testStopping"));
    env.events.testStop.addListener(() => seen.push(`testStop:${runner.userCount}`));
    expect(runner.state).toBe("ready");
    const ramp = runner.start(8, 2);
    await settle();
    expect(runner.state).toBe("spawning");
    expect(runner.userCount).toBe(2);
    await clock.advance(1000);
    expect(runner.userCount).toBe(4);
    await clock.advance(3000);
    await ramp;
    expect(runner.state).toBe("running");
    expect(runner.userClassesCount).toEqual({ Alpha: 6, Beta: 2 });
    await runner.stop();
    expect(runner.state).toBe("stopped");
    expect(seen).toEqual(["testStart:ready", "spawningComplete:8", "testStopping", "testStop:0"]);
  });

  test("a second start while running re-targets without firing testStart again", async () => {
    const clock = new FakeClock();
    const env = new Environment({ userClasses: classes(), clock });
    env.attachStats();
    const runner = env.createLocalRunner();
    let starts = 0;
    env.events.testStart.addListener(() => starts++);
    await runner.start(4, 100);
    expect(runner.userClassesCount).toEqual({ Alpha: 3, Beta: 1 });
    await runner.start(2, 100);
    expect(runner.userCount).toBe(2);
    expect(starts).toBe(1);
    await runner.quit();
  });

  test("--reset-stats resets statistics when spawning completes", async () => {
    const env = new Environment({ userClasses: classes(), clock: new FakeClock(), resetStats: true });
    env.attachStats();
    const runner = env.createLocalRunner();
    env.events.testStart.addListener(() =>
      env.events.request.fire({ requestType: "GET", name: "/", responseTime: 5, responseLength: 0 }),
    );
    await runner.start(1, 1);
    expect(env.stats.total.numRequests).toBe(0);
    await runner.quit();
  });

  test("starting a new test clears the stats and exceptions of the previous one", async () => {
    const env = new Environment({ userClasses: classes(), clock: new FakeClock() });
    env.attachStats();
    const runner = env.createLocalRunner();
    await runner.start(1, 1);
    env.events.request.fire({ requestType: "GET", name: "/", responseTime: 5, responseLength: 0 });
    await runner.stop();
    expect(env.stats.total.numRequests).toBe(1);
    await runner.start(1, 1);
    expect(env.stats.total.numRequests).toBe(0);
    await runner.quit();
  });

  test("a StopTest thrown while constructing a user calls onStopTest", async () => {
    class Broken extends User {
      constructor(env: Environment) {
        super(env);
        throw new StopTest("You must specify the base host.");
      }
      @task t() {}
    }
    const env = new Environment({ userClasses: [Broken], clock: new FakeClock() });
    env.attachStats();
    const runner = env.createLocalRunner();
    const stopped: string[] = [];
    runner.onStopTest = (err) => stopped.push((err as Error).message);
    await runner.start(1, 1);
    expect(stopped).toEqual(["You must specify the base host."]);
  });

  test("custom messages reach the runner's own handler in a single process", () => {
    const env = new Environment({ userClasses: classes() });
    env.attachStats();
    const runner = env.createLocalRunner();
    const got: unknown[] = [];
    runner.registerMessage("hello", ({ msg }) => got.push(msg));
    runner.sendMessage("hello", { n: 1 });
    expect(got).toEqual([{ type: "hello", data: { n: 1 }, nodeId: "local" }]);
  });
});

describe("LoadTestShape driving the runner", () => {
  test("ticks about once a second, re-targets on change and ends the test on null", async () => {
    const clock = new FakeClock();
    class Stages extends LoadTestShape {
      override tick(): ShapeTick | null {
        const t = this.getRunTime();
        if (t < 2) return [2, 100];
        if (t < 4) return [5, 100];
        return null;
      }
    }
    const env = new Environment({ userClasses: classes(), clock, shape: new Stages(clock) });
    env.attachStats();
    const runner = env.createLocalRunner();
    let ended = false;
    runner.startShape(() => {
      ended = true;
      void runner.stop();
    });
    await clock.advance(10);
    expect(runner.userCount).toBe(2);
    await clock.advance(2000);
    expect(runner.userCount).toBe(5);
    await clock.advance(2000);
    expect(ended).toBe(true);
    await runner.quit();
    expect(runner.userCount).toBe(0);
  });
});
