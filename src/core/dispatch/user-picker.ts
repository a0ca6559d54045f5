import type { DispatchUserClass } from "./dispatch-user-class.ts";
import { WeightedSequence } from "./weighted-sequence.ts";

/**
 * Decides which user class the dispatcher adds next: missing fixed-count users first, then the weighted sequence.
 *
 * Fixed users are only reconsidered when a check is requested (at creation, and by the dispatcher after any
 * removal): the picker then emits every missing fixed user, drawn from a weighted sequence over the missing counts,
 * before returning to the weighted classes. A run of fixed users already under way is finished before the next
 * check, as in Locust.
 */
export class UserPicker {
  readonly #fixedClasses: DispatchUserClass[];
  readonly #weighted: WeightedSequence;
  #checkFixed = true;
  #fixedRun: WeightedSequence | null = null;
  #fixedLeft = 0;

  constructor(userClasses: readonly DispatchUserClass[]) {
    this.#fixedClasses = userClasses.filter((cls) => cls.fixedCount > 0);
    this.#weighted = new WeightedSequence(userClasses.filter((cls) => !(cls.fixedCount > 0)));
  }

  /** Makes the next pick first top up fixed-count classes that are below their count. */
  requestFixedCheck(): void {
    this.#checkFixed = true;
  }

  /**
   * The next class name to add, or `null` when nothing more can be added (no weighted classes and every fixed
   * class satisfied). `countOf` reads how many users of a class are dispatched right now.
   */
  next(countOf: (className: string) => number): string | null {
    for (;;) {
      if (this.#fixedLeft > 0 && this.#fixedRun) {
        this.#fixedLeft--;
        return this.#fixedRun.next();
      }
      if (!this.#checkFixed) return this.#weighted.next();
      this.#checkFixed = false;
      this.#startFixedRun(countOf);
    }
  }

  #startFixedRun(countOf: (className: string) => number): void {
    const missing = this.#fixedClasses
      .map((cls) => ({ name: cls.name, weight: cls.fixedCount - countOf(cls.name) }))
      .filter((entry) => entry.weight > 0);
    this.#fixedRun = new WeightedSequence(missing);
    this.#fixedLeft = missing.reduce((sum, entry) => sum + entry.weight, 0);
  }
}
