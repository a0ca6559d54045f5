import { formatPythonFloat } from "../python/index.ts";

/**
 * Locust's column label of a percentile (0..1): ×100 as an integer when whole, else rounded to 6 decimals
 * (Python float text), then `%` — `50%`, `99.9%`, `99.99%`, `100%`.
 */
export function formatPercentileLabel(p: number): string {
  const percent = p * 100;
  if (Number.isInteger(percent)) return `${percent}%`;
  return `${formatPythonFloat(Math.round(percent * 1e6) / 1e6)}%`;
}
