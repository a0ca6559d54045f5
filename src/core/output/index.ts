/**
 * Readers of the stats: console tables, CSV files, JSON output. They never write to the stats.
 * @module
 */
export { OutputList, OutputsFailed } from "./output.ts";
export type { Output, OutputFailure } from "./output.ts";
export { formatRequestTable, DEFAULT_NAME_WIDTH } from "./request-table.ts";
export type { RequestTableOptions } from "./request-table.ts";
export { formatPercentileTable } from "./percentile-table.ts";
export type { PercentileTableOptions } from "./percentile-table.ts";
export { formatErrorReport } from "./error-report.ts";
export type { ErrorReportOptions } from "./error-report.ts";
export { formatPercentileLabel } from "./percentile-label.ts";
export {
  formatCsvLine,
  formatStatsCsvHeader,
  formatStatsCsvRows,
  formatStatsCsv,
  formatStatsHistoryCsvHeader,
  formatStatsHistoryRows,
  formatFailuresCsvHeader,
  formatFailuresCsv,
  formatExceptionsCsvHeader,
  formatExceptionsCsv,
} from "./csv-rows.ts";
export type { ExceptionRow, HistoryRowsOptions } from "./csv-rows.ts";
export { CsvWriter, CSV_INTERVAL_MS } from "./csv-writer.ts";
export type { CsvWriterOptions } from "./csv-writer.ts";
export { serializeJsonEntries, formatJsonReport } from "./json-output.ts";
export type { LocustJsonEntry } from "./json-output.ts";
export { ConsolePrinter, resolveNameWidth, CONSOLE_INTERVAL_MS } from "./console-printer.ts";
export type { ConsolePrinterOptions } from "./console-printer.ts";
export { CORRECTED_TITLE, formatCorrectedPercentileTable, formatIterationLine } from "./open-model-report.ts";
