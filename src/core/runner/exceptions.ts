import { createLogger } from "../log.ts";

const log = createLogger("locust.user.task");

/** One distinct exception from user code, grouped by its stack trace (Locust's exceptions table). */
export interface ExceptionRow {
  count: number;
  msg: string;
  traceback: string;
  nodes: Set<string>;
}

function isWorthLogging(count: number): boolean {
  // Log the first occurrence, then every power of ten, so a task failing in a tight loop cannot flood the log.
  return count === 1 || Math.log10(count) % 1 === 0;
}

/** The exceptions raised by tasks, for `/exceptions`, `_exceptions.csv` and the exit code. */
export class ExceptionsTable {
  readonly #rows = new Map<string, ExceptionRow>();
  #occurrences = 0;

  /** Records one exception from node `node` ("local" in a single process). */
  record(exception: unknown, traceback: string, node = "local"): void {
    const msg = exception instanceof Error ? exception.message : String(exception);
    let row = this.#rows.get(traceback);
    if (!row) this.#rows.set(traceback, (row = { count: 0, msg, traceback, nodes: new Set() }));
    row.count++;
    this.#occurrences++;
    row.nodes.add(node);
    if (isWorthLogging(row.count)) {
      const suffix = row.count > 1 ? ` (${row.count} times so far)` : "";
      // A worker's own report (e.g. a missing user class) has no traceback: no blank line after it.
      log.error(traceback ? `${msg}${suffix}\n${traceback}` : `${msg}${suffix}`);
    }
  }

  /** Every row, in first-seen order. */
  rows(): ExceptionRow[] {
    return [...this.#rows.values()];
  }

  /** Distinct exceptions (rows). */
  get size(): number {
    return this.#rows.size;
  }

  /** Exceptions recorded, repeats included (the sum of the rows' counts). */
  get occurrences(): number {
    return this.#occurrences;
  }

  clear(): void {
    this.#rows.clear();
    this.#occurrences = 0;
  }
}
