/**
 * The latency spectrum: response times at percentiles from the median to p99.999, read from an entry's exact
 * histogram (Locust's 2-significant-digit buckets cannot show a tail this far). Shared by `/stats/percentiles`,
 * the page's Latency tab and the HTML report.
 * @module
 */
import type { StatsEntry } from "../core/stats/index.ts";

/** Percentiles of the spectrum, spaced as HdrHistogram's plots are: ever closer to 100%. */
export const SPECTRUM_PERCENTILES: readonly number[] = [0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999];

/** One entry's spectrum (ms, two decimals), or null values when it has no timed requests. */
export function readSpectrum(entry: StatsEntry): Array<number | null> {
  const timed = entry.numRequests - entry.numNoneRequests;
  return SPECTRUM_PERCENTILES.map((p) => (timed > 0 ? Math.round(entry.getResponseTimePercentile(p) * 100) / 100 : null));
}

/** A percentile as its label: 0.5 → "50", 0.99999 → "99.999". */
export function formatPercentileLabel(p: number): string {
  return String(Number((p * 100).toPrecision(6)));
}

/**
 * The x position of a percentile on a log axis of 1 / (1 − p): 50% → 2, 99% → 100, 99.999% → 100,000. Equal steps
 * of the axis are equal "nines".
 */
export function toNinesScale(p: number): number {
  return 1 / (1 - p);
}
