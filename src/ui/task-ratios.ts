import type { Environment } from "../core/environment.ts";
import { buildTaskRatioTree, computeTaskRatios, estimateUserCounts, type TaskRatio } from "../core/task-ratio/index.ts";

/** Task ratios per user class and in total, as `/tasks` and the report's "Final ratio" show them. */
export interface TaskRatioReport {
  perClass: Record<string, TaskRatio>;
  total: Record<string, TaskRatio>;
}

/**
 * Ratios for the users running now (Locust's `/tasks`). With `whenIdle: "weights"` a runner with no users (a
 * finished test, for the report) falls back to the classes' weights, so the report still says how tasks divide.
 */
export function computeTaskRatioReport(environment: Environment, whenIdle: "zero" | "weights" = "zero"): TaskRatioReport {
  const tree = buildTaskRatioTree(environment.userClasses, environment.taskTables);
  let counts = environment.runner?.userClassesCount ?? {};
  if (whenIdle === "weights" && !Object.values(counts).some((count) => count > 0)) counts = estimateUserCounts(environment.userClasses, undefined);
  return { perClass: computeTaskRatios(tree, counts, false), total: computeTaskRatios(tree, counts, true) };
}
