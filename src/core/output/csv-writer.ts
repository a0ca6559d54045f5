import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { realClock, type Clock } from "../clock.ts";
import { Ticker } from "../ticker.ts";
import { LocustError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { PERCENTILES_TO_REPORT } from "../stats/index.ts";
import type { RequestStats } from "../stats/index.ts";
import {
  formatExceptionsCsv,
  formatFailuresCsv,
  formatStatsCsv,
  formatStatsHistoryCsvHeader,
  formatStatsHistoryRows,
  type ExceptionRow,
} from "./csv-rows.ts";
import { formatCorrectedStatsCsv } from "./corrected-csv.ts";
import type { Output } from "./output.ts";

const log = createLogger("locust.stats");

/** Locust's CSV_STATS_INTERVAL_SEC, in ms. */
export const CSV_INTERVAL_MS = 1000;

/** Options of {@link CsvWriter}. */
export interface CsvWriterOptions {
  /** `--csv PREFIX`: files are PREFIX_stats.csv, PREFIX_stats_history.csv, PREFIX_failures.csv, PREFIX_exceptions.csv. */
  prefix: string;
  stats: RequestStats;
  clock?: Clock;
  /** `--csv-full-history`. */
  fullHistory?: boolean;
  percentiles?: readonly number[];
  /** Current user count for history rows. */
  userCount?: () => number;
  /** The runner's exceptions table. */
  exceptions?: () => Iterable<ExceptionRow>;
  intervalMs?: number;
  /**
   * An open-model run (`--arrival-rate` or a LoadTestShape): `_stats_history.csv` gets a trailing
   * `Dropped Iterations` column.
   */
  openModel?: boolean;
}

/**
 * Writes Locust's four CSV files while a test runs: every second the stats, failures and exceptions files are
 * rewritten whole and history rows appended. File writes are synchronous on purpose: `flush()` must finish inside
 * a SIGINT/SIGTERM handler before the process exits, and a few KB per second do not block the loop noticeably.
 * @see https://docs.locust.io/en/stable/retrieving-stats.html
 */
export class CsvWriter implements Output {
  readonly name = "--csv";
  readonly paths: { stats: string; history: string; failures: string; exceptions: string; corrected: string };
  readonly #options: CsvWriterOptions;
  readonly #clock: Clock;
  readonly #ticker: Ticker;
  #lastHistorySecond = -1;
  #prepared = false;
  #failed = false;

  constructor(options: CsvWriterOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    const p = options.prefix;
    this.paths = {
      stats: `${p}_stats.csv`,
      history: `${p}_stats_history.csv`,
      failures: `${p}_failures.csv`,
      exceptions: `${p}_exceptions.csv`,
      corrected: `${p}_stats_corrected.csv`,
    };
    this.#ticker = new Ticker(this.#clock, options.intervalMs ?? CSV_INTERVAL_MS, () => this.#tickSafely());
  }

  /** Creates missing folders, writes all four files (headers, current data) and starts the 1 s loop. */
  start(): void {
    if (this.#ticker.running) return;
    this.#writeSnapshots();
    this.#ticker.start();
  }

  /** One interval's work: rewrite stats/failures/exceptions, append history rows for `now`. */
  tick(now = this.#clock.now()): void {
    this.#writeSnapshots();
    this.#appendHistory(now);
  }

  /** Final write (normal end, Ctrl-C, SIGTERM): like a tick, without a second history row for the same second. */
  flush(now = this.#clock.now()): void {
    this.#writeSnapshots();
    if (Math.floor(now) !== this.#lastHistorySecond) this.#appendHistory(now);
  }

  /** Stops the loop (no final write; call {@link CsvWriter.flush} for that). */
  stop(): void {
    this.#ticker.stop();
  }

  get #percentiles(): readonly number[] {
    return this.#options.percentiles ?? PERCENTILES_TO_REPORT;
  }

  #tickSafely(): void {
    try {
      this.tick();
      this.#failed = false;
    } catch (err) {
      // Keep the test running (a full disk must not end it); report once per run of failures.
      if (!this.#failed) log.error(`Writing CSV files failed: ${err instanceof Error ? err.message : String(err)}`);
      this.#failed = true;
    }
  }

  /** Folders and the history header, once (flush may come before start when a run ends early). */
  #prepare(): void {
    if (this.#prepared) return;
    try {
      mkdirSync(dirname(this.paths.stats), { recursive: true });
      writeFileSync(this.paths.history, formatStatsHistoryCsvHeader(this.#percentiles, this.#options.openModel));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new LocustError(`--csv cannot write ${this.paths.history}: ${reason}`, { code: "CSV_UNWRITABLE", cause: err });
    }
    this.#prepared = true;
  }

  #writeSnapshots(): void {
    this.#prepare();
    const { stats, exceptions } = this.#options;
    writeFileSync(this.paths.stats, formatStatsCsv(stats, this.#percentiles));
    writeFileSync(this.paths.failures, formatFailuresCsv(stats));
    writeFileSync(this.paths.exceptions, formatExceptionsCsv(exceptions?.() ?? []));
    if (stats.corrected.hasSamples) writeFileSync(this.paths.corrected, formatCorrectedStatsCsv(stats, this.#percentiles));
  }

  #appendHistory(now: number): void {
    const rows = formatStatsHistoryRows(this.#options.stats, {
      now,
      userCount: this.#options.userCount?.() ?? 0,
      fullHistory: this.#options.fullHistory ?? false,
      percentiles: this.#percentiles,
      droppedIterations: this.#options.openModel ? this.#options.stats.iterations.dropped : undefined,
    });
    appendFileSync(this.paths.history, rows);
    this.#lastHistorySecond = Math.floor(now);
  }
}
