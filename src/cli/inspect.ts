/**
 * The commands that inspect a locustfile and exit: `--list`, `--show-task-ratio`, `--show-task-ratio-json`.
 * @module
 */
import { computeTaskRatios, estimateUserCounts, type TaskRatio } from "../core/dispatch/index.ts";
import type { Environment } from "../core/environment.ts";
import { buildTaskRatioTree } from "../core/user/task-tree.ts";
import type { UserClass } from "../core/user/user.ts";

/** `--list`: "Available Users:" and one class name per line. */
export function formatUserList(classes: readonly UserClass[]): string {
  return ["Available Users:", ...classes.map((cls) => `    ${cls.name}`)].join("\n") + "\n";
}

function formatRatioTree(tree: Record<string, TaskRatio>, indent: number): string[] {
  return Object.entries(tree).flatMap(([name, node]) => [
    `${" ".repeat(indent)}${(node.ratio * 100).toFixed(1).padEnd(6)}${name}`,
    ...(node.tasks ? formatRatioTree(node.tasks, indent + 2) : []),
  ]);
}

/** Task ratios per class and in total, for `users` users (Locust's `--show-task-ratio` layout, or JSON). */
export function formatTaskRatios(environment: Environment, users: number | undefined, json: boolean): string {
  const tree = buildTaskRatioTree(environment.userClasses, environment.taskTables);
  const counts = estimateUserCounts(environment.userClasses, users);
  const perClass = computeTaskRatios(tree, counts, false);
  const total = computeTaskRatios(tree, counts, true);
  if (json) return JSON.stringify({ per_class: perClass, total }, null, 4) + "\n";
  return [
    "",
    " Task ratio per User class",
    " -------------------------------------------------------",
    ...formatRatioTree(perClass, 1),
    "",
    " Total task ratio",
    " -------------------------------------------------------",
    ...formatRatioTree(total, 1),
    "",
  ].join("\n");
}
