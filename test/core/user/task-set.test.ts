import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { RescheduleTask, RescheduleTaskImmediately, StopUser } from "../../../src/core/errors.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { SequentialTaskSet } from "../../../src/core/user/sequential-task-set.ts";
import { TaskSet } from "../../../src/core/user/task-set.ts";
import { runUser } from "../../../src/core/user/user-loop.ts";
import { User } from "../../../src/core/user/user.ts";

function makeUser<U extends User>(cls: new (env: Environment) => U, env = new Environment()): U {
  return new cls(env);
}

describe("SequentialTaskSet (Locust vector 15)", () => {
  test("weights repeat a task consecutively and an interrupt ends the set with RescheduleTask", async () => {
    const log: number[] = [];
    class Seq extends SequentialTaskSet {
      static override tasks = [
        ["t1", 3],
        ["t2", 2],
        ["t3", 1],
      ] as const;
      t1() { log.push(1); }
      t2() { log.push(2); }
      t3() { log.push(3); this.interrupt(false); }
    }
    class U extends User {
      static override tasks = [Seq];
    }
    const set = new Seq(makeUser(U));
    await expect(set.run()).rejects.toBeInstanceOf(RescheduleTask);
    expect(log).toEqual([1, 1, 1, 2, 2, 3]);
  });

  test("static tasks naming methods interleave with functions in the order listed", async () => {
    const log: number[] = [];
    const f1 = () => log.push(101);
    const f2 = () => log.push(102);
    class Seq extends SequentialTaskSet {
      static override tasks = ["t1", "t2", f1, f2, "t3"];
      t1() { log.push(1); }
      t2() { log.push(2); }
      t3() { log.push(3); this.interrupt(); }
    }
    class U extends User {
      static override tasks = [Seq];
    }
    await expect(new Seq(makeUser(U)).run()).rejects.toBeInstanceOf(RescheduleTaskImmediately);
    expect(log).toEqual([1, 2, 101, 102, 3]);
  });
});

describe("interrupt semantics (Locust vector 16)", () => {
  const make = (reschedule: boolean, inOnStart: boolean) => {
    const calls: string[] = [];
    class Set extends TaskSet {
      override onStart() {
        calls.push("start");
        if (inOnStart) this.interrupt(reschedule);
      }
      override onStop() { calls.push("stop"); }
      @task t() { this.interrupt(reschedule); }
    }
    class U extends User {
      static override tasks = [Set];
    }
    return { set: new Set(makeUser(U)), calls };
  };

  test.each([
    [false, false, RescheduleTask, ["start", "stop"]],
    [true, false, RescheduleTaskImmediately, ["start", "stop"]],
    [false, true, RescheduleTask, ["start"]],
    [true, true, RescheduleTaskImmediately, ["start"]],
  ])("reschedule=%p inOnStart=%p raises the mapped exception and runs onStop only outside onStart", async (reschedule, inOnStart, kind, expected) => {
    const { set, calls } = make(reschedule, inOnStart);
    await expect(set.run()).rejects.toBeInstanceOf(kind);
    expect(calls).toEqual(expected);
  });
});

describe("the user loop", () => {
  test("runs onStart, tasks, then inner and user onStop in order when a task stops the user", async () => {
    const calls: string[] = [];
    class Inner extends TaskSet {
      override onStart() { calls.push("inner start"); }
      override onStop() { calls.push("inner stop"); }
      @task t() {
        calls.push("task");
        throw new StopUser();
      }
    }
    class U extends User {
      static override tasks = [Inner];
      override onStart() { calls.push("user start"); }
      override onStop() { calls.push("user stop"); }
    }
    const user = makeUser(U);
    await runUser(user);
    expect(calls).toEqual(["user start", "inner start", "task", "inner stop", "user stop"]);
    expect(user.state).toBe("stopped");
  });

  test("an error in a task fires userError with the TaskSet instance and the user keeps running", async () => {
    const env = new Environment();
    const seen: unknown[] = [];
    env.events.userError.addListener(({ userInstance, exception }) => seen.push([userInstance, (exception as Error).message]));
    let runs = 0;
    class U extends User {
      @task t() {
        runs++;
        if (runs === 3) throw new StopUser();
        throw new Error("boom");
      }
    }
    const user = new U(env);
    await runUser(user);
    expect(runs).toBe(3);
    expect(seen).toHaveLength(2);
    expect((seen[0] as unknown[])[1]).toBe("boom");
  });

  test("scheduleTask queues tasks ahead of random picks, first=true at the front", async () => {
    const log: string[] = [];
    class U extends User {
      @task pick() {
        log.push("pick");
        throw new StopUser();
      }
    }
    class Set extends TaskSet<U> {
      override onStart() {
        this.scheduleTask(() => log.push("queued"));
        this.scheduleTask(() => log.push("front"), true);
      }
      @task t() {
        log.push("random");
        throw new StopUser();
      }
    }
    await expect(new Set(makeUser(U)).run()).rejects.toBeInstanceOf(StopUser);
    expect(log).toEqual(["front", "queued", "random"]);
  });

  test("a user whose tasks fail instantly in a tight loop still lets timers run", async () => {
    const env = new Environment();
    class U extends User {
      @task fail() {
        throw new Error("instant");
      }
    }
    env.userClasses = [U];
    env.attachStats();
    const runner = env.createLocalRunner();
    void runner.start(5, 100);
    const timerFired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20));
    await runner.quit();
    expect(timerFired).toBe(true);
    expect(runner.exceptions.rows()[0]!.count).toBeGreaterThan(10);
  });
});
