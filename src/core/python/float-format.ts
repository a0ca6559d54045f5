/** Python's float formatting as Locust's outputs show it: `str(float)`, `%.Nf` and `%d`. */

/**
 * Python's `str(float)` / `repr(float)`: the shortest round-trip digits (as JavaScript), but integral values keep
 * `.0` (`2.0`), exponent form below 1e-4 or from 1e16 (`1e-05`, `1e+16`), and `inf` / `nan`.
 */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = x.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = String(x);
  return Number.isInteger(x) ? `${text}.0` : text;
}

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
