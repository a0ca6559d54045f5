/**
 * The commands that inspect a locustfile and exit: `--list`, `--show-task-ratio`, `--show-task-ratio-json`.
 * @module
 */
import { buildTaskRatioTree, computeTaskRatios, estimateUserCounts, type TaskRatio } from "../core/task-ratio/index.ts";
import type { Environment } from "../core/environment.ts";
import type { UserClass } from "../core/user/user.ts";

/** `--list`: "Available Users:" and one class name per line. */
export function formatUserList(classes: readonly UserClass[]): string {
  return ["Available Users:", ...classes.map((cls) => `    ${cls.name}`)].join("\n") + "\n";
}

/** Locust's rows: percent and name in 10- and 50-wide columns, both indented two spaces per nesting level. */
function formatRatioTree(tree: Record<string, TaskRatio>, level: number): string[] {
  const padding = "  ".repeat(level);
  return Object.entries(tree).flatMap(([name, node]) => [
    ` ${(padding + (node.ratio * 100).toFixed(1).padEnd(6)).padEnd(10)} ${(padding + name).padEnd(50)}`,
    ...(node.tasks ? formatRatioTree(node.tasks, level + 1) : []),
  ]);
}

const RULE = "-".repeat(80);

/** Ratios are floats in Locust's JSON: a whole one prints as `1.0`, not `1`. */
function formatPythonFloats(json: string): string {
  return json.replace(/("ratio": -?\d+)(,?)$/gm, "$1.0$2");
}

/** Task ratios per class and in total, for `users` users (Locust's `--show-task-ratio` layout, or JSON). */
export function formatTaskRatios(environment: Environment, users: number | undefined, json: boolean): string {
  const tree = buildTaskRatioTree(environment.userClasses, environment.taskTables);
  const counts = estimateUserCounts(environment.userClasses, users);
  const perClass = computeTaskRatios(tree, counts, false);
  const total = computeTaskRatios(tree, counts, true);
  if (json) return formatPythonFloats(JSON.stringify({ per_class: perClass, total }, null, 4)) + "\n";
  return [
    "",
    " Task ratio per User class",
    RULE,
    ...formatRatioTree(perClass, 0),
    "",
    " Total task ratio",
    RULE,
    ...formatRatioTree(total, 0),
    "",
  ].join("\n");
}
