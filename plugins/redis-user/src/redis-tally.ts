import { classifyRedisError } from "./redis-errors.ts";

/** The plugin's own count of Redis operations in the current test, fed by the `request` event. */
export interface RedisTallySnapshot {
  commands: number;
  failures: number;
  /** Failures by kind: `"connection"`, `"timeout"`, or the server's error code (`"WRONGTYPE"`, `"ERR"` …). */
  failuresByKind: Record<string, number>;
}

/** Counts Redis operations and their failures by kind. */
export class RedisTally {
  commands = 0;
  failures = 0;
  readonly #byKind = new Map<string, number>();

  /** Records one operation. Called on the per-request path: allocates nothing for a success. */
  record(exception: unknown): void {
    this.commands++;
    if (exception === null || exception === undefined) return;
    this.failures++;
    const kind = classifyRedisError(exception);
    this.#byKind.set(kind, (this.#byKind.get(kind) ?? 0) + 1);
  }

  /** Starts counting from zero (a new test, or the web UI's stats reset). */
  reset(): void {
    this.commands = 0;
    this.failures = 0;
    this.#byKind.clear();
  }

  /** The counts as plain data (for the web route). */
  snapshot(): RedisTallySnapshot {
    return { commands: this.commands, failures: this.failures, failuresByKind: Object.fromEntries(this.#byKind) };
  }

  /** One line, e.g. `Redis: 1520 commands, 3 failed (WRONGTYPE 2, connection 1)`. */
  formatSummary(): string {
    const kinds = [...this.#byKind].map(([kind, count]) => `${kind} ${count}`).join(", ");
    return `Redis: ${this.commands} commands, ${this.failures} failed${kinds ? ` (${kinds})` : ""}`;
  }
}
