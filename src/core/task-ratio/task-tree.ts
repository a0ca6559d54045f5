import type { TaskTables } from "../user/task-table.ts";
import type { UserClass } from "../user/user.ts";
import type { TaskRatioClass, TaskRatioNode } from "./task-ratio.ts";

function nodesOf(holder: Function, tables: TaskTables, outerTags: ReadonlySet<string>, depth: number): TaskRatioNode[] {
  return tables.tasksOf(holder, outerTags).entries.map((entry) => {
    if (entry.kind !== "taskset" || depth > 20) return { name: entry.name, weightCount: entry.weight };
    const children = nodesOf(entry.ref as Function, tables, entry.tags, depth + 1);
    return { name: entry.name, weightCount: entry.weight, children };
  });
}

/** The task tree of each user class (tag filters applied), for task-ratio reports. */
export function buildTaskRatioTree(userClasses: readonly UserClass[], tables: TaskTables): TaskRatioClass[] {
  return userClasses.map((cls) => ({ name: cls.name, tasks: nodesOf(cls, tables, new Set(), 0) }));
}
