/**
 * Picks the runnable parts out of imported locustfiles: every exported non-abstract User class and at most one
 * LoadTestShape.
 * @module
 */
import { LocustError } from "../errors.ts";
import { isAbstractShapeClass, isLoadTestShapeClass, type LoadTestShape } from "../shape/load-test-shape.ts";
import { staticFieldHint } from "../user/instance-field.ts";
import { assertValidMarkovChain } from "../user/markov-task-set.ts";
import { isMarkovTaskSetClass, isTaskSetClass } from "../user/task-entry.ts";
import { collectTasks } from "../user/task-table.ts";
import { isAbstractClass, isUserClass, type UserClass } from "../user/user.ts";
import { exportsInDefinitionOrder } from "./definition-order.ts";
import type { LoadedLocustfile } from "./load.ts";

/** What the locustfiles offer. */
export interface CollectedLocustfiles {
  userClasses: UserClass[];
  shapeClass: (new () => LoadTestShape) | undefined;
}

function assertHasTasks(cls: UserClass): void {
  if (collectTasks(cls).length > 0) return;
  const singular = Object.hasOwn(cls, "task") ? " (a static 'task' was found: did you mean 'tasks'?)" : "";
  throw new LocustError(
    `No tasks defined on ${cls.name}${singular}. Use the @task decorator or set the static 'tasks' attribute of the User (or mark it as abstract: static abstract = true).`,
    { code: "NO_TASKS", hint: staticFieldHint(cls, "tasks") },
  );
}

/**
 * Checks every TaskSet a user reaches. A `static waitTime` would be silently ignored (the loop reads the instance
 * field, which keeps pacing state per user), so it is rejected with the fix; a MarkovTaskSet's chain is validated
 * here so its faults show before the run, as Locust shows them at import.
 */
function assertValidTaskSets(holder: Function, seen = new Set<Function>()): void {
  if (seen.has(holder)) return;
  seen.add(holder);
  if (isMarkovTaskSetClass(holder)) assertValidMarkovChain(holder);
  if ("waitTime" in holder) {
    throw new LocustError(
      `${holder.name} declares 'static waitTime', which is never read: declare it as an instance field instead (waitTime = between(1, 5)).`,
      { code: "STATIC_WAIT_TIME" },
    );
  }
  for (const entry of collectTasks(holder)) if (isTaskSetClass(entry.ref)) assertValidTaskSets(entry.ref, seen);
}

/** Collects user classes and the shape from the modules; throws a LocustError on duplicates or nothing to run. */
export function collectLocustfiles(files: readonly LoadedLocustfile[]): CollectedLocustfiles {
  const users = new Map<string, UserClass>();
  const shapes = new Map<string, new () => LoadTestShape>();
  for (const { path, module } of files) {
    for (const value of exportsInDefinitionOrder(path, module)) {
      if (isUserClass(value) && !isAbstractClass(value)) {
        const known = users.get(value.name);
        if (known && known !== value) {
          throw new LocustError(`Duplicate user class name "${value.name}" (again in ${path}).`, { code: "DUPLICATE_USER_CLASS" });
        }
        users.set(value.name, value);
      } else if (isLoadTestShapeClass(value) && !isAbstractShapeClass(value)) {
        const known = shapes.get(value.name);
        if (known && known !== (value as unknown)) {
          throw new LocustError(`Duplicate shape class name "${value.name}" (again in ${path}).`, { code: "DUPLICATE_SHAPE" });
        }
        shapes.set(value.name, value as unknown as new () => LoadTestShape);
      }
    }
  }
  if (users.size === 0) {
    throw new LocustError("No User class found! Export at least one non-abstract class that extends User from your locustfile.", {
      code: "NO_USER_CLASS",
    });
  }
  for (const cls of users.values()) {
    assertHasTasks(cls);
    assertValidTaskSets(cls);
  }
  return { userClasses: [...users.values()], shapeClass: shapes.values().next().value };
}

/** Keeps the classes named on the command line; unknown names give Locust's "Unknown User(s)" error. */
export function selectUserClasses(available: readonly UserClass[], names: readonly string[]): UserClass[] {
  if (names.length === 0) return [...available];
  const unknown = names.filter((name) => !available.some((cls) => cls.name === name));
  if (unknown.length > 0) {
    throw new LocustError(`Unknown User(s): ${unknown.join(", ")}`, {
      code: "UNKNOWN_USER_CLASS",
      hint: `Available: ${available.map((cls) => cls.name).join(", ")}`,
    });
  }
  return available.filter((cls) => names.includes(cls.name));
}
