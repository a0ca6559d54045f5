/**
 * Value parsers for flags, environment variables and config files. Each takes the raw text and the flag it belongs
 * to, and throws an {@link OptionError} whose one line names the flag and the bad value.
 * @module
 */
import type { LogLevel } from "../log.ts";
import { OptionError } from "./option-error.ts";

const TIMESPAN_FORMATS = "20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.";
const LOG_LEVELS: readonly LogLevel[] = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];
const TRUE_WORDS = new Set(["true", "yes", "1", "on"]);
const FALSE_WORDS = new Set(["false", "no", "0", "off"]);

function invalid(flag: string, value: string, reason: string): OptionError {
  return new OptionError(`invalid value for ${flag}: '${value}' ${reason}`);
}

/**
 * Seconds in a Locust time span: a plain integer is seconds, otherwise `Nh`, `Nm`, `Ns` parts in that order, each
 * optional but at least one present (`"1h3m7s"` → 3787). Trailing digits without a unit (`"1h30"`) are rejected.
 * @see https://docs.locust.io/en/stable/configuration.html
 */
export function parseTimespan(value: string, flag = "--run-time"): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return assertFinite(Number(text), flag, value);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === "") throw invalid(flag, value, `is not a time span; valid formats are: ${TIMESPAN_FORMATS}`);
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return assertFinite(Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds), flag, value);
}

/** Digits enough to overflow a double give Infinity, which no timer or rate can use. */
function assertFinite(number: number, flag: string, value: string): number {
  if (!Number.isFinite(number)) throw invalid(flag, value, "is too large");
  return number;
}

/** Any integer, negative allowed (`--autoquit -1`, `--processes -1`). */
export function parseInteger(value: string, flag: string): number {
  const text = value.trim();
  if (!/^[-+]?\d+$/.test(text)) throw invalid(flag, value, "is not an integer");
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw invalid(flag, value, "is too large");
  return number;
}

/** An integer ≥ 1. */
export function parsePositiveInt(value: string, flag: string): number {
  const number = parseInteger(value, flag);
  if (number < 1) throw invalid(flag, value, "must be a positive integer (1 or more)");
  return number;
}

/** An integer ≥ 0. */
export function parseNonNegativeInt(value: string, flag: string): number {
  const number = parseInteger(value, flag);
  if (number < 0) throw invalid(flag, value, "must be 0 or more");
  return number;
}

/** A TCP port, 0–65535 (0 asks the OS for a free port). */
export function parsePort(value: string, flag: string): number {
  const number = parseInteger(value, flag);
  if (number < 0 || number > 65535) throw invalid(flag, value, "is not a port number (0-65535)");
  return number;
}

/** Any finite decimal number. */
export function parseNumber(value: string, flag: string): number {
  const text = value.trim();
  // Number("") is 0 and Number("0x10") is 16; only plain decimal notation is a valid flag value.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) throw invalid(flag, value, "is not a number");
  return assertFinite(Number(text), flag, value);
}

/** A number > 0 (`--spawn-rate`). */
export function parsePositiveFloat(value: string, flag: string): number {
  const number = parseNumber(value, flag);
  if (!(number > 0)) throw invalid(flag, value, "must be greater than 0");
  return number;
}

/** true/false, yes/no, 1/0, on/off, case-insensitive. */
export function parseBool(value: string, flag: string): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw invalid(flag, value, "is not a boolean (use true/false, yes/no, 1/0 or on/off)");
}

/**
 * A target base URL. Any `scheme://…` URL is accepted because protocol users target `mqtt://`, `postgres://`,
 * `mongodb://` and so on. A bare `host:port` gets a hint to add `http://`.
 */
export function parseHost(value: string, flag = "--host"): string {
  const text = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) {
    const hint = /^[\w.-]+(:\d+)?(\/\S*)?$/.test(text) ? ` (did you mean 'http://${text}'?)` : "";
    throw invalid(flag, value, `is not a URL; expected scheme://host, e.g. https://example.com${hint}`);
  }
  if (!URL.canParse(text)) throw invalid(flag, value, "is not a valid URL");
  return text;
}

/** One of DEBUG/INFO/WARNING/ERROR/CRITICAL, case-insensitive; returned upper-case. */
export function parseLogLevel(value: string, flag = "--loglevel"): LogLevel {
  const level = value.trim().toUpperCase() as LogLevel;
  if (LOG_LEVELS.includes(level)) return level;
  throw invalid(flag, value, `is not a log level; valid values are: ${LOG_LEVELS.join("/")}`);
}

/**
 * A list of words. Locust's bracket form `[a, b]` splits on commas only (so items may contain spaces); otherwise
 * items are separated by commas and/or whitespace. Quotes around items are removed; empty items are dropped.
 */
export function parseList(value: string): string[] {
  const text = value.trim();
  const bracketed = /^\[(.*)\]$/s.exec(text);
  const parts = bracketed ? bracketed[1].split(",") : text.split(/[\s,]+/);
  return parts.map((part) => part.trim().replace(/^(['"])(.*)\1$/, "$2")).filter((part) => part !== "");
}
