/**
 * What one task is once normalised ({@link TaskEntry}), the ways tasks may be declared, and the class marks that
 * tell TaskSets apart without importing them. Shared by the task table, tag filtering and the TaskSets.
 * @module
 */

/** Marks TaskSet classes (a static property inherited by every subclass), without importing TaskSet here. */
export const TASKSET_MARK = Symbol.for("locust-bun.taskSet");

/** Marks MarkovTaskSet classes, whose states are not `tasks` entries (tag filters keep them whole). */
export const MARKOV_MARK = Symbol.for("locust-bun.markovTaskSet");

/** A task given as a plain function; it receives the User or TaskSet that runs it. */
export type TaskFunction = (holder: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A TaskSet class used as a task. */
export type TaskSetClassRef = (abstract new (parent: any) => unknown) & { [TASKSET_MARK]?: true }; // eslint-disable-line @typescript-eslint/no-explicit-any
/** One task reference: a method name, a function or a TaskSet class. */
export type TaskRef = string | TaskFunction | TaskSetClassRef;
/** What `static tasks` may hold. */
export type TaskDeclaration =
  | ReadonlyArray<TaskRef | readonly [TaskRef, number]>
  | ReadonlyMap<TaskRef, number>
  | Readonly<Record<string, number>>;

/** One normalised task of a holder class. */
export interface TaskEntry {
  kind: "method" | "function" | "taskset";
  name: string;
  weight: number;
  /** Method name, function or TaskSet class. */
  ref: TaskRef;
  tags: ReadonlySet<string>;
}

/** True when `ref` is a TaskSet class. */
export function isTaskSetClass(ref: unknown): ref is TaskSetClassRef {
  return typeof ref === "function" && (ref as { [TASKSET_MARK]?: boolean })[TASKSET_MARK] === true;
}

/** True when `ref` is a MarkovTaskSet class. */
export function isMarkovTaskSetClass(ref: unknown): boolean {
  return isTaskSetClass(ref) && (ref as { [MARKOV_MARK]?: boolean })[MARKOV_MARK] === true;
}
