import { formatPythonStringRepr } from "../python/index.ts";

/** Serialized failure group (worker reports, web API); `error` is the normalised text. */
export interface SerializedStatsError {
  name: string;
  method: string;
  error: string;
  occurrences: number;
  firstSeen: number | null;
  lastSeen: number | null;
}

const ADDRESS_MARKER = "object at 0x";

/**
 * Locust's error-text normalisation: the memory address after the first `object at 0x` (up to the next `>`) is
 * replaced by `0x....` everywhere it occurs, so errors that differ only by an object address group together.
 * The input is already repr text (see `formatErrorRepr`).
 */
export function normalizeErrorText(text: string): string {
  const marker = text.indexOf(ADDRESS_MARKER);
  if (marker < 0) return text;
  const start = marker + ADDRESS_MARKER.length - 2;
  const end = text.indexOf(">", start);
  if (end < 0) return text;
  return text.replaceAll(text.slice(start, end), "0x....");
}

/**
 * Locust's failure-group key: SHA-256 hex of `"{method}.{name}.{repr(error)}"`, with Python's repr of the
 * normalised error text. Locust masters merge worker errors by it, so it must match Python's byte for byte.
 */
export function formatLocustErrorKey(method: string, name: string, error: string): string {
  return new Bun.CryptoHasher("sha256").update(`${method}.${name}.${formatPythonStringRepr(error)}`).digest("hex");
}

/**
 * One failure group: same method, name and normalised error text.
 * @see https://docs.locust.io/en/stable/retrieving-stats.html
 */
export class StatsError {
  readonly method: string;
  readonly name: string;
  /** Normalised error text (Locust's repr form). */
  readonly error: string;
  occurrences = 0;
  firstSeen: number | null = null;
  lastSeen: number | null = null;
  #locustKey: string | undefined;

  constructor(method: string, name: string, error: string) {
    this.method = method;
    this.name = name;
    this.error = error;
  }

  /** Counts one occurrence at `now` (epoch seconds). */
  occurred(now: number): void {
    this.occurrences++;
    this.firstSeen ??= now;
    this.lastSeen = now;
  }

  /** Adds a serialized group's occurrences; first seen = earliest, last seen = latest. */
  mergeSerialized(other: SerializedStatsError): void {
    this.occurrences += other.occurrences;
    if (other.firstSeen !== null && (this.firstSeen === null || other.firstSeen < this.firstSeen)) {
      this.firstSeen = other.firstSeen;
    }
    if (other.lastSeen !== null && (this.lastSeen === null || other.lastSeen > this.lastSeen)) {
      this.lastSeen = other.lastSeen;
    }
  }

  /**
   * `"{method} {name}: {error}"` for the console error report, with the error in its repr form as Locust 2.12 prints
   * it (`CatchResponseError('Got wrong response')`): escapes stay escaped, so a newline cannot break the table.
   * Current Locust unwraps a CatchResponseError to its bare message here.
   */
  get displayName(): string {
    return `${this.method} ${this.name}: ${this.error}`;
  }

  /**
   * Locust's group key: SHA-256 hex of `"{method}.{name}.{repr(error)}"`. Only the `_failures.csv` row order
   * depends on it, so it is computed on first use and kept.
   */
  get locustKey(): string {
    this.#locustKey ??= formatLocustErrorKey(this.method, this.name, this.error);
    return this.#locustKey;
  }

  serialize(): SerializedStatsError {
    const { name, method, error, occurrences, firstSeen, lastSeen } = this;
    return { name, method, error, occurrences, firstSeen, lastSeen };
  }
}
