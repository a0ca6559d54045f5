/**
 * Python-compatible formatting, so console tables, CSV files, the web UI's JSON and failure keys match Locust's
 * bytes: float text, `%`-formatting, Locust's rounding and string `repr()`.
 * @module
 */
export { formatPythonFloat, formatFixed, formatTruncatedInt } from "./float-format.ts";
export { properRound } from "./rounding.ts";
export { formatPythonStringRepr, padLeft, padRight } from "./string-format.ts";
