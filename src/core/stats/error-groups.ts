import { StatsError, type SerializedStatsError } from "./stats-error.ts";

/** Default bound on distinct failure groups (Locust has none; unique error texts grew workers' memory, #816). */
export const DEFAULT_MAX_ERROR_GROUPS = 1000;
/** Text of the per-(method, name) group that absorbs new distinct errors once the bound is reached. */
export const OTHER_ERRORS_TEXT = "Other errors (too many distinct errors to group separately)";

/**
 * The failure groups of a run, in first-seen order. Keyed by a plain string (method, name, text), not Locust's
 * SHA-256 (still available as `StatsError.locustKey`). At most `maxGroups` distinct groups; after that, new
 * distinct errors are counted in one "other errors" group per method and name.
 */
export class ErrorGroups implements Iterable<StatsError> {
  readonly maxGroups: number;
  #groups = new Map<string, StatsError>();

  constructor(maxGroups = DEFAULT_MAX_ERROR_GROUPS) {
    this.maxGroups = maxGroups;
  }

  /** Number of groups. */
  get size(): number {
    return this.#groups.size;
  }

  /** Counts one occurrence of normalised `text` for method and name at `now`. */
  record(method: string, name: string, text: string, now: number): void {
    this.#groupFor(method, name, text).occurred(now);
  }

  /** Adds a serialized group (master merge): occurrences summed, first/last seen widened. */
  merge(serialized: SerializedStatsError): void {
    this.#groupFor(serialized.method, serialized.name, serialized.error).mergeSerialized(serialized);
  }

  /** Groups in first-seen order. */
  [Symbol.iterator](): IterableIterator<StatsError> {
    return this.#groups.values();
  }

  /** Groups ordered like Locust's `_failures.csv` (by SHA-256 key). */
  sortedByLocustKey(): StatsError[] {
    return [...this.#groups.values()].sort((a, b) => (a.locustKey < b.locustKey ? -1 : a.locustKey > b.locustKey ? 1 : 0));
  }

  serialize(): SerializedStatsError[] {
    return [...this.#groups.values()].map((group) => group.serialize());
  }

  clear(): void {
    this.#groups.clear();
  }

  #groupFor(method: string, name: string, text: string): StatsError {
    const key = `${method}\u0000${name}\u0000${text}`;
    const found = this.#groups.get(key);
    if (found) return found;
    if (this.#groups.size >= this.maxGroups && text !== OTHER_ERRORS_TEXT) {
      return this.#groupFor(method, name, OTHER_ERRORS_TEXT);
    }
    const group = new StatsError(method, name, text);
    this.#groups.set(key, group);
    return group;
  }
}
