import { expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { User } from "../../../src/core/user/user.ts";
import { FakeClock } from "../../support/fake-clock.ts";

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Locust's stop-timeout vector (§3.7): a task that moves through three states 50 ms apart. */
function setup(stopTimeoutSeconds: number) {
  const clock = new FakeClock();
  const states: string[] = [];
  class Stepper extends User {
    @task async steps() {
      states.push("first");
      await this.sleep(50);
      states.push("second");
      await this.sleep(50);
      states.push("third");
    }
  }
  const env = new Environment({ userClasses: [Stepper], clock, stopTimeout: stopTimeoutSeconds });
  env.attachStats();
  const runner = env.createLocalRunner();
  return { clock, states, runner, last: () => states.at(-1) };
}

test.each([
  [0, 25, "first"],
  [0.025, 50, "second"],
  [0.15, 50, "third"],
])("with stop timeout %p s, quitting at %p ms leaves the task at %p", async (timeout, quitAt, expected) => {
  const { clock, runner, last } = setup(timeout);
  void runner.start(1, 1);
  await settle();
  await clock.advance(quitAt);
  const quitting = runner.quit();
  for (let i = 0; i < 20; i++) await clock.advance(25);
  await quitting;
  expect(last()).toBe(expected);
  expect(runner.state).toBe("stopped");
  expect(runner.userCount).toBe(0);
});

test("a user waiting between tasks stops at once, even with a long stop timeout", async () => {
  const clock = new FakeClock();
  let runs = 0;
  class Waiter extends User {
    waitTime = () => 3600;
    @task t() {
      runs++;
    }
  }
  const env = new Environment({ userClasses: [Waiter], clock, stopTimeout: 600 });
  env.attachStats();
  const runner = env.createLocalRunner();
  void runner.start(2, 100);
  await settle();
  let stopped = false;
  void runner.stop().then(() => (stopped = true));
  await settle();
  expect(stopped).toBe(true);
  expect(runs).toBe(2);
});
