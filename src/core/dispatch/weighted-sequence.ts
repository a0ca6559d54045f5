/** One entry of a {@link WeightedSequence}: a class name and its weight (floats allowed). */
export interface WeightedName {
  readonly name: string;
  readonly weight: number;
}

/**
 * Locust's smooth weighted interleaving (its "KL generator"): an endless sequence of names in which each name
 * appears in proportion to its weight, spread as evenly as possible so that any prefix keeps the ratio.
 *
 * With `n` picks of a name so far, the next name is the one minimising `w × log2((w + n) / (w + n + 1))`; ties
 * break on `w + n + 1`, then the weight, then the name. Names with a weight that is not > 0 never appear; with
 * none left, {@link next} returns `null` forever.
 *
 * Pure and deterministic. A linear scan per pick: dispatch has a handful of classes, so a heap would not pay.
 *
 * @example
 * const seq = new WeightedSequence([{ name: "A", weight: 5 }, { name: "B", weight: 1 }]);
 * seq.next(); // "A", then A B A A A A A B A A A …
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#weight-and-fixed-count-attributes
 */
export class WeightedSequence {
  readonly #names: string[] = [];
  readonly #weights: number[] = [];
  /** `w + n`, accumulated by repeated `+ 1` exactly as Locust does, so float weights pick identically. */
  readonly #offsets: number[] = [];
  readonly #keys: number[] = [];

  constructor(entries: Iterable<WeightedName>) {
    for (const { name, weight } of entries) {
      if (!(weight > 0)) continue;
      this.#names.push(name);
      this.#weights.push(weight);
      this.#offsets.push(weight);
      this.#keys.push(divergenceStep(weight, weight));
    }
  }

  /** The next name, or `null` when no entry has a positive weight. Allocation-free. */
  next(): string | null {
    const count = this.#names.length;
    if (count === 0) return null;
    let best = 0;
    for (let i = 1; i < count; i++) {
      if (this.#precedes(i, best)) best = i;
    }
    const offset = this.#offsets[best] + 1;
    this.#offsets[best] = offset;
    this.#keys[best] = divergenceStep(this.#weights[best], offset);
    return this.#names[best];
  }

  /** The next `count` names (a convenience for inspection and tests). */
  take(count: number): (string | null)[] {
    return Array.from({ length: count }, () => this.next());
  }

  #precedes(a: number, b: number): boolean {
    const keys = this.#keys;
    if (keys[a] !== keys[b]) return keys[a] < keys[b];
    const offsets = this.#offsets;
    const nextA = offsets[a] + 1;
    const nextB = offsets[b] + 1;
    if (nextA !== nextB) return nextA < nextB;
    const weights = this.#weights;
    if (weights[a] !== weights[b]) return weights[a] < weights[b];
    return this.#names[a] < this.#names[b];
  }
}

/** How much picking a name once more lowers the divergence from the target ratio (negative; smaller is better). */
function divergenceStep(weight: number, offset: number): number {
  return weight * Math.log2(offset / (offset + 1));
}
