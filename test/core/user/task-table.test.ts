import { describe, expect, test } from "bun:test";
import { tag, task } from "../../../src/core/user/decorators.ts";
import { collectTasks, TaskTables } from "../../../src/core/user/task-table.ts";
import { TaskSet } from "../../../src/core/user/task-set.ts";
import { User } from "../../../src/core/user/user.ts";

const names = (holder: Function, tables = new TaskTables()) =>
  tables.tasksOf(holder).entries.map((e) => [e.name, e.weight]);

describe("collecting tasks", () => {
  test("@task and @task(n) record methods with their weights in declaration order", () => {
    class U extends User {
      @task(3) a() {}
      @task b() {}
    }
    expect(names(U)).toEqual([["a", 3], ["b", 1]]);
  });

  test("static tasks accept arrays, weighted tuples, Maps and objects", () => {
    const f = () => {};
    class Inner extends TaskSet {
      @task x() {}
    }
    class A extends User {
      static override tasks = [f, [Inner, 2] as const];
    }
    class B extends User {
      static override tasks = new Map<Function | string, number>([[f, 4]]) as never;
    }
    class C extends User {
      static override tasks = { go: 5 };
      go() {}
    }
    expect(names(A)).toEqual([["f", 1], ["Inner", 2]]);
    expect(names(B)).toEqual([["f", 4]]);
    expect(names(C)).toEqual([["go", 5]]);
  });

  test("inherited tasks come first, then static tasks, then own @task methods", () => {
    class Base extends User {
      @task base() {}
    }
    const g = () => {};
    class Child extends Base {
      static override tasks = [g];
      @task own() {}
    }
    expect(names(Child)).toEqual([["base", 1], ["g", 1], ["own", 1]]);
  });

  test("a static task naming a missing method is a clear error", () => {
    class U extends User {
      static override tasks = ["nope"];
    }
    expect(() => collectTasks(U)).toThrow('U.tasks names "nope", which is not a method of U');
  });

  test("weights pick tasks in proportion", () => {
    class U extends User {
      @task(3) a() {}
      @task b() {}
    }
    const list = new TaskTables().tasksOf(U);
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 20_000; i++) counts[list.pick()!.name]!++;
    expect(counts.a! / 20_000).toBeCloseTo(0.75, 1);
  });
});

describe("tag filtering (Locust vector 14)", () => {
  class Tagged extends TaskSet {
    @tag("include this", "other tag") @task first() {}
    @tag("dont include this", "other tag") @task second() {}
    @task third() {}
  }

  test("include keeps only tasks carrying an included tag", () => {
    expect(names(Tagged, new TaskTables({ include: ["include this"], exclude: [] }))).toEqual([["first", 1]]);
  });

  test("exclude drops tasks carrying an excluded tag and keeps untagged ones", () => {
    expect(names(Tagged, new TaskTables({ include: [], exclude: ["dont include this"] }))).toEqual([
      ["first", 1],
      ["third", 1],
    ]);
  });

  test("include and exclude together keep only the task tagged solely with the included tag", () => {
    class Both extends TaskSet {
      @tag("included") @task a() {}
      @tag("included", "excluded") @task b() {}
      @tag("excluded") @task c() {}
      @task d() {}
    }
    expect(names(Both, new TaskTables({ include: ["included"], exclude: ["excluded"] }))).toEqual([["a", 1]]);
  });

  test("@tag on a TaskSet propagates to its tasks and into nested TaskSets", () => {
    @tag("taskset2")
    class Nested extends TaskSet {
      @task inner() {}
    }
    @tag("taskset")
    class Outer extends TaskSet {
      static override tasks = [Nested];
      @task plain() {}
      @tag("task") @task tagged() {}
    }
    const tables = new TaskTables();
    const outer = tables.tasksOf(Outer).entries;
    const tagsOf = (name: string) => [...outer.find((e) => e.name === name)!.tags].sort();
    expect(tagsOf("plain")).toEqual(["taskset"]);
    expect(tagsOf("tagged")).toEqual(["task", "taskset"]);
    const nestedEntry = outer.find((e) => e.name === "Nested")!;
    const inner = tables.tasksOf(Nested, nestedEntry.tags).entries[0]!;
    expect([...inner.tags].sort()).toEqual(["taskset", "taskset2"]);
  });

  test("a TaskSet left with no tasks after filtering is dropped", () => {
    class Empty extends TaskSet {
      @tag("a") @task x() {}
    }
    class U extends User {
      static override tasks = [Empty];
      @tag("b") @task y() {}
    }
    expect(names(U, new TaskTables({ include: ["b"], exclude: [] }))).toEqual([["y", 1]]);
  });

  test("tag() without names is an error", () => {
    expect(() => tag()).toThrow("No tag name was supplied");
  });

  test("--equal-weights gives every task weight 1", () => {
    class U extends User {
      @task(10) a() {}
      @task(1) b() {}
    }
    expect(names(U, new TaskTables(undefined, true))).toEqual([["a", 1], ["b", 1]]);
  });
});

describe("inline TaskSets on @task static fields (Locust's @task class Inner(TaskSet))", () => {
  test("the field's TaskSet is a task with the decorator's weight, named after the field, tags included", () => {
    class U extends User {
      @task(2) a() {}
      @tag("forum") @task(3) static Forum = class extends TaskSet {
        @task read() {}
      };
      @task static helper = () => {};
    }
    const entries = new TaskTables().tasksOf(U).entries;
    expect(entries.map((e) => [e.kind, e.name, e.weight, [...e.tags]])).toEqual([
      ["method", "a", 2, []],
      ["taskset", "Forum", 3, ["forum"]],
      ["function", "helper", 1, []],
    ]);
    expect(entries[1]!.ref).toBe(U.Forum);
    expect(U.Forum.name).toBe("Forum");
  });

  test("a non-static field, or a static field holding no class or function, is refused with the fix", () => {
    expect(() => {
      class U extends User {
        @task Inner = class extends TaskSet {};
      }
      return U;
    }).toThrow('@task field "Inner" must be static');
    class V extends User {
      @task static count = 3 as unknown as () => void;
    }
    expect(() => collectTasks(V)).toThrow("@task static V.count holds 3: expected a TaskSet class or a function");
  });
});
