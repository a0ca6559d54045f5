/**
 * Python `%`-formatting pieces the console tables and CSV files need, so their bytes match Locust's.
 * @module
 */
export { formatPythonFloat } from "../stats/index.ts";

/**
 * Python's `%.{digits}f`: like `toFixed`, except that a value exactly halfway (in binary) rounds to even, as
 * Python does (`%.2f` of 0.125 is `0.12`; `toFixed` gives `0.13`).
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const rounded = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf(".");
  const rest = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(rest)) return rounded;
  const truncated = exact.slice(0, digits === 0 ? point : point + 1 + digits);
  const lastDigit = Number(truncated[truncated.length - 1]);
  if (lastDigit % 2 !== 0) return rounded;
  return (x < 0 ? "-" : "") + truncated;
}

/** Python's `%d` of a number: truncated toward zero. */
export function formatTruncatedInt(x: number): string {
  const value = Math.trunc(x);
  return Object.is(value, -0) ? "0" : String(value);
}

/** Python's `%-{width}s`: pads on the right to `width` code points, never truncates. */
export function padRight(text: string, width: number): string {
  const missing = width - codePointLength(text);
  return missing > 0 ? text + " ".repeat(missing) : text;
}

/** Python's `%{width}s`: pads on the left to `width` code points, never truncates. */
export function padLeft(text: string, width: number): string {
  const missing = width - codePointLength(text);
  return missing > 0 ? " ".repeat(missing) + text : text;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) length--;
  }
  return length;
}
