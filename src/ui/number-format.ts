/**
 * Number formatting shared by the page and the HTML report, so both show the same digits. The Intl formatters are
 * built once: the page formats ~6,500 cells per frame with 500 request names.
 * @module
 */
const FORMATS = {
  count: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
  fixed0: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
  fixed1: new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  fixed2: new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  tick: new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 }),
};

/** Milliseconds with precision that fits the size: 0.42, 8.31, 42.7, 1,234. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (Number.isInteger(ms)) return FORMATS.count.format(ms);
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return FORMATS.fixed0.format(ms);
}

/** A rate per second with one decimal (two below 1): 0.25, 12.5, 1,234.5. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return "–";
  if (rate === 0) return "0";
  return (Math.abs(rate) < 1 ? FORMATS.fixed2 : FORMATS.fixed1).format(rate);
}

/** An axis tick: as short as possible (0, 0.5, 2.5, 150, 1,500). */
export function formatTick(value: number): string {
  return FORMATS.tick.format(value);
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return FORMATS.count.format(count);
}

/** A ratio 0..1 as a percentage: 0%, 0.5%, 12%. */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0) return "0%";
  return `${percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}
