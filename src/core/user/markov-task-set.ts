/**
 * MarkovTaskSet: tasks that form a Markov chain. Each `@transition` / `@transitions` method is a state; after it
 * runs, the next state is drawn from its weighted transitions. The first such method declared is the start state.
 * @module
 * @see https://docs.locust.io/en/stable/tasksets.html#markovtaskset-class
 */
import { LocustError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { chainValues, methodTags, type Metadata } from "./decorators.ts";
import { TaskSet } from "./task-set.ts";
import { MARKOV_MARK, type TaskEntry } from "./task-entry.ts";
import type { User } from "./user.ts";

const log = createLogger("locust.user.markov");
const TRANSITIONS_KEY = Symbol.for("locust-bun.markovTransitions");

/** Target method name → weight, as declared on one method. */
type DeclaredTransitions = Map<string, number>;
type MethodDecorator = (method: (...args: any[]) => unknown, context: ClassMethodDecoratorContext) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function declareTransitions(context: ClassMethodDecoratorContext, targets: Iterable<readonly [string, number]>): void {
  const name = String(context.name);
  if (name === "run") throw new LocustError(`MarkovTaskSet.run() runs the chain: it cannot have transitions itself.`);
  const metadata = context.metadata as Metadata;
  if (!Object.hasOwn(metadata, TRANSITIONS_KEY)) metadata[TRANSITIONS_KEY] = new Map<string, DeclaredTransitions>();
  const byMethod = metadata[TRANSITIONS_KEY] as Map<string, DeclaredTransitions>;
  let own = byMethod.get(name);
  if (own === undefined) {
    if (name === "onStart" || name === "onStop") log.warning(`${name} has transitions: it will run both as a step of the chain and as ${name}.`);
    byMethod.set(name, (own = new Map()));
  }
  for (const [target, weight] of targets) {
    if (!Number.isInteger(weight) || weight < 0) throw new LocustError(`Transition weight must be a whole number ≥ 0, got ${weight} (${name} → ${target})`);
    own.set(target, weight);
  }
}

/**
 * Adds one transition: after this method runs, the chain moves to `target` with relative `weight` (default 1).
 * Stack it for several targets; the first method with transitions is where the chain starts.
 * @example
 * ```ts
 * class Shop extends MarkovTaskSet<HttpUser> {
 *   @transition("browse") async index() { await this.client.get("/"); }
 *   @transition("index", 3) @transition("browse") async browse() { await this.client.get("/products"); }
 * }
 * ```
 */
export function transition(target: string, weight = 1): MethodDecorator {
  return (_method, context) => declareTransitions(context, [[target, weight]]);
}

/**
 * Adds several transitions at once: `{ target: weight }`, or a list of targets (weight 1) and `[target, weight]` pairs.
 * @example `@transitions({ checkout: 1, browse: 3 }) async cart() { … }`
 */
export function transitions(weights: Readonly<Record<string, number>> | ReadonlyArray<string | readonly [string, number]>): MethodDecorator {
  const pairs: [string, number][] = Array.isArray(weights)
    ? weights.map((item) => (typeof item === "string" ? [item, 1] : [item[0], item[1]]))
    : Object.entries(weights);
  return (_method, context) => declareTransitions(context, pairs);
}

/** One validated state: its task entry and the weight-expanded list of next states. */
interface MarkovState {
  entry: TaskEntry;
  next: MarkovState[];
}

/** Merged transitions of `cls` and its base classes; a subclass's declaration of a method replaces its base's. */
function declaredTransitions(cls: Function): Map<string, DeclaredTransitions> {
  const levels = [...chainValues<Map<string, DeclaredTransitions>>(cls, TRANSITIONS_KEY)].reverse();
  const merged = new Map<string, DeclaredTransitions>();
  for (const level of levels) for (const [method, targets] of level) merged.set(method, targets);
  return merged;
}

function warnUnreachable(cls: Function, start: MarkovState, states: Map<string, MarkovState>): void {
  const seen = new Set<MarkovState>([start]);
  const stack = [start];
  for (let state = stack.pop(); state !== undefined; state = stack.pop()) {
    for (const next of state.next) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  const unreachable = [...states.values()].filter((state) => !seen.has(state)).map((state) => state.entry.name);
  if (unreachable.length > 0) log.warning(`The following markov tasks are unreachable in class ${cls.name}: ${unreachable.join(", ")}`);
}

/** Builds and checks the chain of `cls`, throwing a LocustError that names the fault. */
function buildChain(cls: Function): MarkovState {
  const declared = declaredTransitions(cls);
  if (declared.size === 0) {
    throw new LocustError(`No Markov tasks defined in class ${cls.name}. Use the @transition(s) decorators to define some.`, { code: "NO_TASKS" });
  }
  const states = new Map<string, MarkovState>();
  for (const name of declared.keys()) {
    if (methodTags(cls, name).size > 0) {
      throw new LocustError(`Tags are unsupported for MarkovTaskSet since they can make the markov chain invalid. Tags detected on ${cls.name}.${name}`);
    }
    states.set(name, { entry: { kind: "method", name, weight: 1, ref: name, tags: new Set() }, next: [] });
  }
  for (const [name, targets] of declared) {
    const state = states.get(name)!;
    for (const [target, weight] of targets) {
      const next = states.get(target);
      if (next === undefined) {
        const fault = typeof (cls.prototype as Record<string, unknown>)[target] === "function" ? "it does not define any transitions of its own" : "no such method exists";
        throw new LocustError(`Transition to ${target} from ${name} is invalid in class ${cls.name}: ${fault}.`);
      }
      for (let i = 0; i < weight; i++) state.next.push(next);
    }
    if (state.next.length === 0) throw new LocustError(`${cls.name}.${name} has no transition with a weight above 0, so the chain would stop there.`);
  }
  const start = states.values().next().value!;
  warnUnreachable(cls, start, states);
  return start;
}

const chains = new WeakMap<Function, MarkovState>();

/** The start state of `cls`'s chain, built and validated once per class. */
function chainOf(cls: Function): MarkovState {
  let start = chains.get(cls);
  if (start === undefined) chains.set(cls, (start = buildChain(cls)));
  return start;
}

/** Validates the chain of a MarkovTaskSet class (the locustfile loader calls it so faults show before the run). */
export function assertValidMarkovChain(cls: Function): void {
  chainOf(cls);
}

/**
 * A TaskSet that walks a Markov chain of its `@transition` methods instead of picking tasks at random: it starts
 * at the first one declared and, after each, moves to one of that method's targets with probability proportional
 * to the weights. Leave it with `interrupt()` as any TaskSet. Its methods cannot be tagged; `@task` methods are
 * not used.
 * @example
 * ```ts
 * class Shop extends MarkovTaskSet<HttpUser> {
 *   @transition("browse") async index() { await this.client.get("/"); }
 *   @transitions({ index: 1, cart: 2 }) async browse() { await this.client.get("/products"); }
 *   @transitions([["browse", 3], "index"]) async cart() { await this.client.get("/cart"); }
 * }
 * class Shopper extends HttpUser { static override tasks = [Shop]; }
 * ```
 * @see https://docs.locust.io/en/stable/tasksets.html#markovtaskset-class
 */
export class MarkovTaskSet<U extends User = User> extends TaskSet<U> {
  static readonly [MARKOV_MARK] = true as const;
  #current: MarkovState;

  constructor(parent: TaskSet<U> | U, outerTags?: ReadonlySet<string>) {
    super(parent, outerTags);
    this.#current = chainOf(this.constructor);
  }

  override getNextTask(): TaskEntry {
    const current = this.#current;
    this.#current = current.next[Math.floor(Math.random() * current.next.length)]!;
    return current.entry;
  }
}
