import { TaskSet, noTasksError } from "./task-set.ts";
import type { TaskEntry } from "./task-entry.ts";
import type { User } from "./user.ts";

/**
 * A TaskSet whose tasks run in declaration order, cycling; a weight of 3 runs that task three times in a row.
 * Because standard decorators cannot see where a `static tasks` field sits among the methods, declared tasks run
 * first (inherited, then `static tasks`, then `@task` methods); list method names in `static tasks` to interleave.
 * @example
 * ```ts
 * class Checkout extends SequentialTaskSet<HttpUser> {
 *   @task async cart() { await this.client.get("/cart"); }
 *   @task async pay() { await this.client.post("/pay"); }
 *   @task async done() { this.interrupt(); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/tasksets.html#sequentialtaskset-class
 */
export class SequentialTaskSet<U extends User = User> extends TaskSet<U> {
  #order: TaskEntry[] | undefined;
  #index = 0;

  override getNextTask(): TaskEntry {
    this.#order ??= this.tasks.flatMap((entry) => Array<TaskEntry>(Math.round(entry.weight)).fill(entry));
    if (this.#order.length === 0) throw noTasksError(this.constructor);
    const next = this.#order[this.#index % this.#order.length]!;
    this.#index++;
    return next;
  }
}
