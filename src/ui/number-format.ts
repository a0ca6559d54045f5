/**
 * Number formatting shared by the page and the HTML report, so both show the same digits.
 * @module
 */

/** Milliseconds with precision that fits the size: 0.42, 8.31, 42.7, 1234. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms === 0) return "0";
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString("en-US");
}

/** A rate per second with one decimal (two below 1): 0.25, 12.5, 1,234.5. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return "–";
  return rate.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: rate !== 0 && Math.abs(rate) < 1 ? 2 : 1 });
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString("en-US");
}

/** A ratio 0..1 as a percentage: 0 %, 0.5 %, 12 %. */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0) return "0%";
  return `${percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}
