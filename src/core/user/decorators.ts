/**
 * `@task` and `@tag` as TC39 standard decorators. Their data lives in the class's decorator metadata (never in a
 * module-level registry), so a second copy of this package (e.g. in a compiled binary) still reads it.
 * @module
 */
import { LocustError } from "../errors.ts";

// Bun stores decorator metadata under this registered symbol even where `Symbol.metadata` is not defined yet.
const METADATA = Symbol.for("Symbol.metadata");
(Symbol as { metadata?: symbol }).metadata ??= METADATA;

const TASKS_KEY = Symbol.for("locust-bun.tasks");
const TAGS_KEY = Symbol.for("locust-bun.tags");
const CLASS_TAGS_KEY = Symbol.for("locust-bun.classTags");
/** Tags attached to a plain function with `tag("x")(fn)`. */
export const FUNCTION_TAGS = Symbol.for("locust-bun.functionTags");

/** One `@task` declaration: the method's (or static field's) name and its weight. */
export interface DeclaredTask {
  methodName: string;
  weight: number;
  /** A `static` field holding a TaskSet class or a function (Locust's inline `@task class Inner(TaskSet)`). */
  isStaticField?: boolean;
}

/** A class's decorator metadata object. */
export type Metadata = Record<PropertyKey, unknown>;
type TaskContext = (ClassMethodDecoratorContext | ClassFieldDecoratorContext) & { metadata: Metadata };
type AnyFunction = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

function ownArray<T>(metadata: Metadata, key: symbol): T[] {
  if (!Object.hasOwn(metadata, key)) metadata[key] = [];
  return metadata[key] as T[];
}

function ownTagMap(metadata: Metadata): Map<string, Set<string>> {
  if (!Object.hasOwn(metadata, TAGS_KEY)) metadata[TAGS_KEY] = new Map<string, Set<string>>();
  return metadata[TAGS_KEY] as Map<string, Set<string>>;
}

/** Names an anonymous class or function held by a `@task static` field after the field, as a class statement would be. */
function nameAfterField(name: string) {
  return (value: unknown): unknown => {
    if (typeof value === "function" && !value.name) Object.defineProperty(value, "name", { value: name });
    return value;
  };
}

function declareTask(weight: number, context: TaskContext): ((value: unknown) => unknown) | void {
  const name = String(context.name);
  if (name === "run") throw new LocustError(`A task cannot be named "run": it would replace the task loop.`);
  if (!Number.isFinite(weight) || weight < 0) throw new LocustError(`@task weight must be a number ≥ 0, got ${weight}`);
  if (context.kind === "field" && !context.static) {
    throw new LocustError(`@task field "${name}" must be static: write \`@task static ${name} = class extends TaskSet { … }\``);
  }
  const declared = ownArray<DeclaredTask>(context.metadata, TASKS_KEY);
  if (context.kind === "method") return void declared.push({ methodName: name, weight });
  declared.push({ methodName: name, weight, isStaticField: true });
  return nameAfterField(name);
}

/** What `@task` may decorate: a method, or a static field holding a TaskSet class (or a task function). */
type TaskTarget = AnyFunction | undefined;
type TaskDecoratorContext = ClassMethodDecoratorContext | ClassFieldDecoratorContext;

/**
 * Marks a method as a task; `@task(3)` makes it three times as likely as a weight-1 task. On a `static` field it
 * declares the TaskSet class (or function) the field holds as a task, like Locust's inline `@task class Inner(TaskSet)`.
 * @example
 * ```ts
 * class Shopper extends HttpUser {
 *   @task(3) async browse() { await this.client.get("/items"); }
 *   @task async buy() { await this.client.post("/cart", { json: { id: 1 } }); }
 *   @task(2) static Forum = class extends TaskSet {
 *     @task async read() { await this.client.get("/forum"); }
 *     @task leave() { this.interrupt(); }
 *   };
 * }
 * ```
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#task-decorator
 */
export function task(weight: number): (target: TaskTarget, context: TaskDecoratorContext) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
export function task(target: TaskTarget, context: TaskDecoratorContext): any; // eslint-disable-line @typescript-eslint/no-explicit-any
export function task(weightOrTarget: number | TaskTarget, context?: TaskDecoratorContext) {
  if (typeof weightOrTarget === "number") {
    return (_target: TaskTarget, ctx: TaskDecoratorContext) => declareTask(weightOrTarget, ctx as TaskContext);
  }
  return declareTask(1, context as TaskContext);
}

/**
 * Tags a task method, a TaskSet class (all its tasks, recursively; also a `@task static` field holding one) or a
 * plain function (`tag("x")(fn)`), for
 * `--tags` / `--exclude-tags` filtering.
 * @example `@tag("checkout", "slow") @task async pay() { … }`
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#tag-decorator
 */
export function tag(...names: string[]) {
  if (names.length === 0) throw new LocustError("No tag name was supplied");
  return <T>(target: T, context?: DecoratorContext): T => {
    if (context?.kind === "method" || context?.kind === "field") {
      const tags = ownTagMap(context.metadata as Metadata);
      const key = String(context.name);
      tags.set(key, new Set([...(tags.get(key) ?? []), ...names]));
    } else if (context?.kind === "class") {
      const classTags = ownArray<string>(context.metadata as Metadata, CLASS_TAGS_KEY);
      classTags.push(...names);
    } else if (typeof target === "function") {
      const holder = target as unknown as { [FUNCTION_TAGS]?: Set<string> };
      holder[FUNCTION_TAGS] = new Set([...(holder[FUNCTION_TAGS] ?? []), ...names]);
    } else {
      throw new LocustError("@tag applies to task methods, TaskSet classes and functions");
    }
    return target;
  };
}

function metadataOf(cls: object): Metadata | undefined {
  return (cls as Record<symbol, Metadata | undefined>)[METADATA] ?? undefined;
}

/** The `@task` methods declared on this class itself (not inherited), in declaration order. */
export function ownDeclaredTasks(cls: object): DeclaredTask[] {
  const metadata = metadataOf(cls);
  if (!metadata || !Object.hasOwn(metadata, TASKS_KEY)) return [];
  return metadata[TASKS_KEY] as DeclaredTask[];
}

/** Own values stored under `key` on the metadata of `cls` and of every base class. */
export function* chainValues<T>(cls: object, key: symbol): Generator<T> {
  for (let m = metadataOf(cls); m; m = Object.getPrototypeOf(m) as Metadata | undefined) {
    if (Object.hasOwn(m, key)) yield m[key] as T;
  }
}

/** The tags of a method of `cls` (declared on it or on a base class). */
export function methodTags(cls: object, methodName: string): Set<string> {
  const tags = new Set<string>();
  for (const map of chainValues<Map<string, Set<string>>>(cls, TAGS_KEY)) {
    for (const name of map.get(methodName) ?? []) tags.add(name);
  }
  return tags;
}

/** The tags put on a TaskSet class with `@tag`, including those of its base classes. */
export function classTags(cls: object): Set<string> {
  const tags = new Set<string>();
  for (const names of chainValues<string[]>(cls, CLASS_TAGS_KEY)) for (const name of names) tags.add(name);
  return tags;
}
