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
