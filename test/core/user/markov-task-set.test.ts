import { afterEach, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { LocustError, RescheduleTaskImmediately } from "../../../src/core/errors.ts";
import { collectLocustfiles } from "../../../src/core/locustfile/collect.ts";
import { configureLogging } from "../../../src/core/log.ts";
import { tag, task } from "../../../src/core/user/decorators.ts";
import { MarkovTaskSet, transition, transitions } from "../../../src/core/user/markov-task-set.ts";
import { TaskTables } from "../../../src/core/user/task-table.ts";
import { User } from "../../../src/core/user/user.ts";

/** Runs `cls` as the only task of a user until `steps` tasks ran; returns the method names in order. */
async function walk(cls: new (parent: User) => MarkovTaskSet & { visits: string[] }, steps: number): Promise<string[]> {
  class Walker extends User {
    static override tasks = [cls];
  }
  const set = new cls(new Walker(new Environment()));
  set.getNextTask = ((next) => () => {
    if (set.visits.length >= steps) set.interrupt();
    return next();
  })(set.getNextTask.bind(set));
  await expect(set.run()).rejects.toBeInstanceOf(RescheduleTaskImmediately);
  return set.visits;
}

function loadError(cls: Function): string {
  class Holder extends User {
    static override tasks = [cls as never];
  }
  try {
    collectLocustfiles([{ path: "locustfile.ts", module: { Holder } }]);
  } catch (err) {
    expect(err).toBeInstanceOf(LocustError);
    return (err as Error).message;
  }
  throw new Error("the locustfile loaded");
}

describe("MarkovTaskSet", () => {
  test("starts at the first method with transitions and follows them", async () => {
    class Cycle extends MarkovTaskSet {
      visits: string[] = [];
      @task ignored() { this.visits.push("task"); }
      @transition("b") a() { this.visits.push("a"); }
      @transition("c") b() { this.visits.push("b"); }
      @transition("a") c() { this.visits.push("c"); }
    }
    expect(await walk(Cycle, 7)).toEqual(["a", "b", "c", "a", "b", "c", "a"]);
  });

  test("chooses the next state in proportion to the weights, in all three declaration forms", async () => {
    class Weighted extends MarkovTaskSet {
      visits: string[] = [];
      @transitions({ heavy: 3, light: 1 }) hub() { this.visits.push("hub"); }
      @transitions([["hub", 2]]) heavy() { this.visits.push("heavy"); }
      @transitions(["hub"]) @transition("never", 0) light() { this.visits.push("light"); }
      @transition("hub") never() { this.visits.push("never"); }
    }
    const visits = await walk(Weighted, 8001);
    const afterHub = visits.filter((_, i) => visits[i - 1] === "hub");
    expect(afterHub.length).toBe(4000);
    const heavyShare = afterHub.filter((name) => name === "heavy").length / afterHub.length;
    expect(heavyShare).toBeGreaterThan(0.7);
    expect(heavyShare).toBeLessThan(0.8);
    expect(visits).not.toContain("never");
  });

  test("a subclass may redeclare a state's transitions", async () => {
    class Base extends MarkovTaskSet {
      visits: string[] = [];
      @transition("b") a() { this.visits.push("a"); }
      @transition("a") b() { this.visits.push("b"); }
    }
    class Shortcut extends Base {
      @transition("a") override a() { this.visits.push("A"); }
    }
    expect(await walk(Shortcut, 3)).toEqual(["A", "A", "A"]);
  });

  test("a broken chain stops the locustfile from loading, with the fault named", () => {
    class Empty extends MarkovTaskSet {
      @task t() {}
    }
    expect(loadError(Empty)).toBe("No Markov tasks defined in class Empty. Use the @transition(s) decorators to define some.");

    class Missing extends MarkovTaskSet {
      @transition("nowhere") a() {}
    }
    expect(loadError(Missing)).toBe("Transition to nowhere from a is invalid in class Missing: no such method exists.");

    class Plain extends MarkovTaskSet {
      @transition("b") a() {}
      b() {}
    }
    expect(loadError(Plain)).toBe("Transition to b from a is invalid in class Plain: it does not define any transitions of its own.");

    class Tagged extends MarkovTaskSet {
      @tag("x") @transition("a") a() {}
    }
    expect(loadError(Tagged)).toStartWith("Tags are unsupported for MarkovTaskSet");

    class DeadEnd extends MarkovTaskSet {
      @transition("a", 0) a() {}
    }
    expect(loadError(DeadEnd)).toBe("DeadEnd.a has no transition with a weight above 0, so the chain would stop there.");
  });

  test("bad declarations fail where they are written", () => {
    expect(() => {
      class Fractional extends MarkovTaskSet {
        @transition("a", 1.5) a() {}
      }
      return Fractional;
    }).toThrow("Transition weight must be a whole number ≥ 0, got 1.5 (a → a)");
    expect(() => {
      class OwnRun extends MarkovTaskSet {
        // @ts-expect-error run() returns Promise<never>; the decorator must refuse it anyway
        @transition("run") override run() {}
      }
      return OwnRun;
    }).toThrow("cannot have transitions");
  });

  describe("warnings", () => {
    const lines: string[] = [];
    afterEach(() => configureLogging({ write: (line) => process.stderr.write(line) }));

    test("unreachable states are named", () => {
      configureLogging({ write: (line) => lines.push(line) });
      class Island extends MarkovTaskSet {
        @transition("a") a() {}
        @transition("c") b() {}
        @transition("b") c() {}
      }
      collectLocustfiles([{ path: "f.ts", module: { Holder: class extends User { static override tasks = [Island]; } } }]);
      expect(lines.some((line) => line.includes("The following markov tasks are unreachable in class Island: b, c"))).toBe(true);
    });
  });

  test("tag filters keep a MarkovTaskSet whole", () => {
    class Chain extends MarkovTaskSet {
      @transition("a") a() {}
    }
    class Holder extends User {
      static override tasks = [Chain];
      @tag("other") @task t() {}
    }
    const tables = new TaskTables({ include: ["other"], exclude: [] });
    expect(tables.tasksOf(Holder).entries.map((entry) => entry.name)).toEqual(["Chain", "t"]);
    const excluding = new TaskTables({ include: [], exclude: ["other"] });
    expect(excluding.tasksOf(Holder).entries.map((entry) => entry.name)).toEqual(["Chain"]);
  });
});
