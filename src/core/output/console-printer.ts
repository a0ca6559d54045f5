import { realClock, type Clock } from "../clock.ts";
import { Ticker } from "../ticker.ts";
import type { RequestStats } from "../stats/index.ts";
import { formatErrorReport } from "./error-report.ts";
import { formatCorrectedPercentileTable, formatIterationLine } from "./open-model-report.ts";
import type { Output } from "./output.ts";
import { formatPercentileTable } from "./percentile-table.ts";
import { DEFAULT_NAME_WIDTH, formatRequestTable } from "./request-table.ts";

/** Locust's CONSOLE_STATS_INTERVAL_SEC, in ms. */
export const CONSOLE_INTERVAL_MS = 2000;

/**
 * Locust's STATS_NAME_WIDTH: `max(min(columns − 80, 80), 0)` on a terminal, 80 otherwise.
 * Pass `process.stdout.isTTY` and `process.stdout.columns`.
 */
export function resolveNameWidth(isTty: boolean | undefined, columns: number | undefined): number {
  if (!isTty || columns === undefined) return DEFAULT_NAME_WIDTH;
  return Math.max(Math.min(columns - 80, 80), 0);
}

/** Options of {@link ConsolePrinter}. */
export interface ConsolePrinterOptions {
  stats: RequestStats;
  clock?: Clock;
  /** Where text goes; default stderr (Locust's stats logger). */
  write?: (text: string) => void;
  /** Name column width W, or a function re-evaluated at each print (terminal resizes). Default 80. */
  nameWidth?: number | (() => number);
  intervalMs?: number;
  percentiles?: readonly number[];
}

/**
 * Prints Locust's request table (current rates) every 2 s while running, and the final summary at the end.
 * @see https://docs.locust.io/en/stable/quickstart.html
 */
export class ConsolePrinter implements Output {
  readonly name = "console";
  readonly #options: ConsolePrinterOptions;
  readonly #write: (text: string) => void;
  readonly #ticker: Ticker;

  constructor(options: ConsolePrinterOptions) {
    this.#options = options;
    this.#write = options.write ?? ((text) => void process.stderr.write(text));
    this.#ticker = new Ticker(options.clock ?? realClock, options.intervalMs ?? CONSOLE_INTERVAL_MS, () => this.printTable(), { firstTickAfterMs: 0 });
  }

  /** Prints the table now and then every interval until {@link ConsolePrinter.stop}. */
  start(): void {
    this.#ticker.start();
  }

  stop(): void {
    this.#ticker.stop();
  }

  /** The request table with current rates, then a blank line. */
  printTable(): void {
    const iterations = formatIterationLine(this.#options.stats);
    const table = formatRequestTable(this.#options.stats, { current: true, nameWidth: this.#nameWidth() });
    this.#write(`${table}\n${iterations ? `${iterations}\n` : ""}\n`);
  }

  /** Final summary: request table with whole-run rates, percentile table, then the error report if any. */
  printSummary(): void {
    const nameWidth = this.#nameWidth();
    const { stats, percentiles } = this.#options;
    let text = `${formatRequestTable(stats, { current: false, nameWidth })}\n\n`;
    text += `${formatPercentileTable(stats, { nameWidth, percentiles })}\n\n`;
    const corrected = formatCorrectedPercentileTable(stats, { nameWidth, percentiles });
    if (corrected) text += `${corrected}\n\n`;
    const iterations = formatIterationLine(stats);
    if (iterations) text += `${iterations}\n\n`;
    const errors = formatErrorReport(stats, { nameWidth });
    if (errors) text += `${errors}\n`;
    this.#write(text);
  }

  #nameWidth(): number {
    const width = this.#options.nameWidth ?? DEFAULT_NAME_WIDTH;
    return typeof width === "function" ? width() : width;
  }
}
