import type { DispatchUserClass } from "../dispatch/index.ts";

/** One distinct task of a holder (User or TaskSet), as a plain tree the caller builds from real classes. */
export interface TaskRatioNode {
  /** The task's display name (method, function or TaskSet class name); unique within its holder. */
  readonly name: string;
  /** How often the task occurs in the holder's expanded task list (its weight). */
  readonly weightCount: number;
  /** Present when the task is a TaskSet: its own tasks. */
  readonly children?: readonly TaskRatioNode[];
}

/** A user class and its top-level tasks. */
export interface TaskRatioClass {
  readonly name: string;
  readonly tasks: readonly TaskRatioNode[];
}

/** Locust's task-ratio entry: `{ ratio, tasks? }`, nested for TaskSets. */
export interface TaskRatio {
  ratio: number;
  tasks?: Record<string, TaskRatio>;
}

/**
 * Task ratios as `--show-task-ratio` and the web UI's `/tasks` report them: `{ClassName: {ratio, tasks: {…}}}`.
 * A class's ratio is its share of `userCounts`. A task's ratio is its occurrences over the length of its holder's
 * task list; in `total` mode that is further multiplied by the holder's ratio (so all leaves sum to 1), otherwise
 * each level stands alone. Duplicate names within one holder add up.
 *
 * @example
 * computeTaskRatios([{ name: "U", tasks: [{ name: "a", weightCount: 3 }, { name: "b", weightCount: 1 }] }], { U: 1 }, true);
 * // { U: { ratio: 1, tasks: { a: { ratio: 0.75 }, b: { ratio: 0.25 } } } }
 * @see https://docs.locust.io/en/stable/configuration.html (--show-task-ratio)
 */
export function computeTaskRatios(
  userClasses: readonly TaskRatioClass[],
  userCounts: Readonly<Record<string, number>>,
  total: boolean,
): Record<string, TaskRatio> {
  const userTotal = Object.values(userCounts).reduce((sum, count) => sum + count, 0) || 1;
  const result: Record<string, TaskRatio> = {};
  for (const cls of userClasses) {
    const ratio = (userCounts[cls.name] ?? 0) / userTotal;
    result[cls.name] = { ratio, tasks: computeHolderRatios(cls.tasks, total ? ratio : 1, total) };
  }
  return result;
}

function computeHolderRatios(
  tasks: readonly TaskRatioNode[],
  parentRatio: number,
  total: boolean,
): Record<string, TaskRatio> {
  const listLength = tasks.reduce((sum, task) => sum + task.weightCount, 0);
  const occurrences = new Map<string, { count: number; children?: readonly TaskRatioNode[] }>();
  for (const task of tasks) {
    const seen = occurrences.get(task.name);
    if (seen) seen.count += task.weightCount;
    else occurrences.set(task.name, { count: task.weightCount, children: task.children });
  }
  const result: Record<string, TaskRatio> = {};
  for (const [name, { count, children }] of occurrences) {
    if (count <= 0) continue;
    const ratio = (count * parentRatio) / listLength;
    result[name] = children ? { ratio, tasks: computeHolderRatios(children, total ? ratio : 1, total) } : { ratio };
  }
  return result;
}

/**
 * The user counts `--show-task-ratio` assumes when no run is under way: fixed classes get their `fixedCount`,
 * weighted classes share the rest by weight, each rounded half-to-even (Python's `round`). Without `numUsers` it
 * uses the total weight (or 1 when any class is fixed).
 */
export function estimateUserCounts(
  userClasses: readonly DispatchUserClass[],
  numUsers?: number,
): Record<string, number> {
  const fixedTotal = userClasses.reduce((sum, cls) => sum + (cls.fixedCount > 0 ? cls.fixedCount : 0), 0);
  const weightTotal = userClasses.reduce((sum, cls) => sum + (cls.fixedCount > 0 ? 0 : cls.weight), 0);
  const users = numUsers || (fixedTotal > 0 ? 1 : weightTotal);
  const weightedUsers = Math.max(0, users - fixedTotal);
  const counts: Record<string, number> = {};
  for (const cls of userClasses) {
    counts[cls.name] =
      cls.fixedCount > 0 ? cls.fixedCount : weightTotal > 0 ? roundHalfEven((cls.weight / weightTotal) * weightedUsers) : 0;
  }
  return counts;
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
