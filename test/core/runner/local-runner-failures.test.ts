import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { configureLogging, hasUnhandledError, resetLogState } from "../../../src/core/log.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { TaskSet } from "../../../src/core/user/task-set.ts";
import { User } from "../../../src/core/user/user.ts";
import { constant } from "../../../src/core/user/wait-time.ts";
import { FakeClock } from "../../support/fake-clock.ts";
import { waitFor } from "../../support/wait-for.ts";

let logged: string[] = [];

beforeEach(() => {
  logged = [];
  resetLogState();
  configureLogging({ write: (line) => void logged.push(line) });
});
afterEach(() => {
  resetLogState();
  configureLogging({ write: (line) => process.stderr.write(line) });
});

function errorLines(): string[] {
  return logged.filter((line) => line.includes("/ERROR/")).map((line) => line.trimEnd().replace(/^.*?: /, ""));
}

function runnerFor(userClasses: (typeof User)[]) {
  const env = new Environment({ userClasses, clock: new FakeClock() });
  env.attachStats();
  const runner = env.createLocalRunner();
  const stops: unknown[] = [];
  runner.onStopTest = (err) => void stops.push(err);
  return { env, runner, stops };
}

describe("an error outside any task stops the run with one line instead of an unhandled rejection", () => {
  test("a User constructor that throws: one line with the place, an unhandled error (exit code 2)", async () => {
    class Broken extends User {
      constructor(env: Environment) {
        super(env);
        throw new TypeError("no config");
      }
      @task t() {}
    }
    const { runner, stops } = runnerFor([Broken]);
    await runner.start(3, 3); // resolves: the error does not escape as a rejection
    expect(stops).toHaveLength(1);
    expect(errorLines()).toHaveLength(1);
    expect(errorLines()[0]).toMatch(/^Spawning users failed: TypeError: no config \(at .*local-runner-failures\.test\.ts:\d+:\d+\)\. Stopping Locust\.\.\.$/);
    expect(hasUnhandledError()).toBe(true);
    expect(runner.setupFailed).toBe(false);
    await runner.quit();
  });

  test("constant(Infinity) in a User: refused at spawn as a bad setup (exit code 1)", async () => {
    class Forever extends User {
      waitTime = constant(Infinity);
      @task t() {}
    }
    const { runner, stops } = runnerFor([Forever]);
    await runner.start(2, 2);
    expect(stops).toHaveLength(1);
    expect(errorLines()).toEqual([
      "Spawning users failed: constant(Infinity): a wait time must be a finite number of seconds, 0 or more. (To run the tasks once and then stop the user, throw StopUser at the end of the task instead.) Stopping Locust...",
    ]);
    expect(runner.setupFailed).toBe(true);
    expect(hasUnhandledError()).toBe(false);
    await runner.quit();
  });

  test.each([
    ["NaN", () => Number.NaN],
    ["-1", () => -1],
    ["Infinity", () => Infinity],
  ])("a waitTime returning %s: every user ends, one line for the run, a bad setup (exit code 1)", async (shown, waitTime) => {
    let runs = 0;
    class Odd extends User {
      waitTime = waitTime;
      @task t() {
        runs++;
      }
    }
    const { runner, stops } = runnerFor([Odd]);
    await runner.start(3, 3);
    await waitFor(() => stops.length > 0 && runner.userCount === 0);
    expect(runs).toBe(3); // one task each, then the bad wait ends the user instead of spinning
    expect(errorLines()).toEqual([
      `Odd's waitTime returned ${shown}: a wait time must be a finite number of seconds, 0 or more. (To run the tasks once and then stop the user, throw StopUser at the end of the task instead.) Stopping Locust...`,
    ]);
    expect(runner.setupFailed).toBe(true);
    expect(runner.exceptions.size).toBe(0);
    await runner.quit();
  });

  test("a bad wait time inside a nested TaskSet is reported once, not as a task error of each holder", async () => {
    class Inner extends TaskSet {
      waitTime = () => Number.NaN;
      @task t() {}
    }
    class Outer extends User {
      waitTime = constant(0);
      static override tasks = [Inner];
    }
    const { runner, stops } = runnerFor([Outer]);
    await runner.start(1, 1);
    await waitFor(() => stops.length > 0 && runner.userCount === 0);
    expect(errorLines()).toHaveLength(1);
    expect(errorLines()[0]).toStartWith("Inner's waitTime returned NaN");
    expect(runner.exceptions.size).toBe(0);
    await runner.quit();
  });
});
