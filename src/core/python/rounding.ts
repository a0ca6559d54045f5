import { formatPythonFloat } from "./float-format.ts";

/**
 * Locust's `proper_round`: Python's `round(x, digits)` after adding 10^−(len(str(float(x))) + 1), which turns
 * half-to-even into half-up for the values it meets (1.5 → 2, 2.5 → 3, 4.5 → 5, 2.05 → 2, 1.499999999 → 1).
 * Digits after the point are rounded from the exact binary value, as Python does.
 */
export function properRound(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  const nudged = x + 10 ** -(formatPythonFloat(x).length + 1);
  return Number(nudged.toFixed(digits));
}
