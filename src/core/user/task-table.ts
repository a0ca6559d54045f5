/**
 * Normalises the ways tasks are declared (`@task` methods, `static tasks` arrays, weighted tuples, Maps, objects,
 * TaskSet classes, plain functions) into one weighted list per holder class, filtered by tags once per environment.
 * @module
 */
import { LocustError } from "../errors.ts";
import { classTags, FUNCTION_TAGS, methodTags, ownDeclaredTasks } from "./decorators.ts";
import { createLogger } from "../log.ts";
import { filterByTags, type TagFilter } from "./tags.ts";
import { isTaskSetClass, type TaskDeclaration, type TaskEntry, type TaskRef } from "./task-entry.ts";

const log = createLogger("locust.user.task");

function entryFor(holder: Function, ref: TaskRef, weight: number, extraTags: ReadonlySet<string>): TaskEntry {
  if (!Number.isFinite(weight) || weight < 0) {
    throw new LocustError(`Task weight must be a number ≥ 0 in ${holder.name}.tasks, got ${weight}`);
  }
  const union = (tags: Iterable<string>) => new Set([...extraTags, ...tags]);
  if (typeof ref === "string") {
    if (typeof holder.prototype[ref] !== "function") {
      throw new LocustError(`${holder.name}.tasks names "${ref}", which is not a method of ${holder.name}`);
    }
    return { kind: "method", name: ref, weight, ref, tags: union(methodTags(holder, ref)) };
  }
  if (isTaskSetClass(ref)) return { kind: "taskset", name: ref.name, weight, ref, tags: union([]) };
  if (typeof ref === "function") {
    const tags = (ref as { [FUNCTION_TAGS]?: Set<string> })[FUNCTION_TAGS] ?? [];
    return { kind: "function", name: ref.name || "<anonymous>", weight, ref, tags: union(tags) };
  }
  throw new LocustError(`${holder.name}.tasks holds ${String(ref)}: expected a method name, a function or a TaskSet`);
}

/** A `@task static Name = …` field: the TaskSet class or function it holds (an inline class is named after the field). */
function fieldEntry(holder: Function, field: string, weight: number, extraTags: ReadonlySet<string>): TaskEntry {
  const value = (holder as unknown as Record<string, unknown>)[field];
  if (!isTaskSetClass(value) && typeof value !== "function") {
    throw new LocustError(`@task static ${holder.name}.${field} holds ${String(value)}: expected a TaskSet class or a function`);
  }
  return entryFor(holder, value as TaskRef, weight, new Set([...extraTags, ...methodTags(holder, field)]));
}

function staticEntries(holder: Function, extraTags: ReadonlySet<string>): TaskEntry[] {
  if (!Object.hasOwn(holder, "tasks")) return [];
  const declared = (holder as unknown as { tasks?: TaskDeclaration }).tasks;
  if (declared === undefined || declared === null) return [];
  if (Array.isArray(declared)) {
    return declared.map((item) =>
      Array.isArray(item) ? entryFor(holder, item[0], item[1], extraTags) : entryFor(holder, item as TaskRef, 1, extraTags),
    );
  }
  if (declared instanceof Map) return [...declared].map(([ref, weight]) => entryFor(holder, ref, weight, extraTags));
  if (typeof declared === "object") {
    return Object.entries(declared).map(([ref, weight]) => entryFor(holder, ref, weight as number, extraTags));
  }
  throw new LocustError(`${holder.name}.tasks must be an array, a Map or an object of weights`);
}

/**
 * Every task of `holder` in declaration order: inherited tasks first, then `static tasks`, then `@task` methods.
 * `outerTags` are the tags of enclosing tagged TaskSets.
 */
export function collectTasks(holder: Function, outerTags: ReadonlySet<string> = new Set()): TaskEntry[] {
  const extraTags = new Set([...outerTags, ...classTags(holder)]);
  const parent = Object.getPrototypeOf(holder);
  const inherited = parent && parent !== Function.prototype ? collectTasks(parent, extraTags) : [];
  const decorated = ownDeclaredTasks(holder).map((t) =>
    t.isStaticField ? fieldEntry(holder, t.methodName, t.weight, extraTags) : entryFor(holder, t.methodName, t.weight, extraTags),
  );
  return [...inherited, ...staticEntries(holder, extraTags), ...decorated];
}

/** A holder's tasks after filtering, ready to pick from. */
export class TaskList {
  readonly #cumulative: Float64Array;
  readonly #total: number;
  constructor(readonly entries: readonly TaskEntry[]) {
    this.#cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((entry, i) => (this.#cumulative[i] = sum += entry.weight));
    this.#total = sum;
  }

  /** A random task, with probability proportional to its weight. */
  pick(): TaskEntry | undefined {
    const point = Math.random() * this.#total;
    const cumulative = this.#cumulative;
    for (let i = 0; i < cumulative.length; i++) if (point < cumulative[i]!) return this.entries[i];
    return this.entries[this.entries.length - 1];
  }
}

/**
 * The task lists of one environment: tag filters and `--equal-weights` applied, computed once per
 * (holder, enclosing tags) and cached.
 */
export class TaskTables {
  readonly #cache = new Map<Function, Map<string, TaskList>>();
  constructor(
    readonly filter: TagFilter = { include: [], exclude: [] },
    readonly equalWeights = false,
  ) {}

  /** The filtered tasks of `holder`, given the tags of the TaskSets enclosing it. */
  tasksOf(holder: Function, outerTags: ReadonlySet<string> = new Set()): TaskList {
    const key = [...outerTags].sort().join("\u0000");
    let byTags = this.#cache.get(holder);
    if (!byTags) this.#cache.set(holder, (byTags = new Map()));
    let list = byTags.get(key);
    if (!list) {
      const declared = collectTasks(holder, outerTags);
      let entries = filterByTags(declared, this.filter, (set, tags) => this.tasksOf(set, tags));
      if (entries.length === 0 && declared.length > 0) log.warning(`${holder.name} had no tasks left after filtering, instantiating it will fail!`);
      if (this.equalWeights) entries = entries.map((entry) => ({ ...entry, weight: 1 }));
      byTags.set(key, (list = new TaskList(entries)));
    }
    return list;
  }
}
