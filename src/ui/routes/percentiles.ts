import type { StatsEntry } from "../../core/stats/index.ts";
import { locustJsonResponse } from "../locust-json.ts";
import { readSpectrum, SPECTRUM_PERCENTILES } from "../percentile-spectrum.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";
import { formatPercentilesReport, type PercentilesRow } from "../wire-format.ts";

/** Names one request may ask for (the page's table shows at most 500 rows). */
const MAX_NAMES = 500;

/**
 * GET /stats/percentiles?names=/a&names=/b (locust-bun's own route): the latency spectrum of Aggregated and of
 * every entry with one of the names (any method), plus their current-window p50 and p95 for the charts.
 */
export function createPercentilesRoutes(context: WebUiContext): Route[] {
  const { environment } = context;
  const percentiles = (_req: Request, { url }: { url: URL }): Response => {
    const { stats, clock } = environment;
    const now = clock.now();
    const names = new Set(url.searchParams.getAll("names").slice(0, MAX_NAMES));
    const entries = names.size === 0 ? [] : stats.sortedEntries().filter((entry) => names.has(entry.name));
    const rows = [stats.total, ...entries].map((entry) => toRow(entry, now));
    return locustJsonResponse(formatPercentilesReport(SPECTRUM_PERCENTILES, rows));
  };
  return [{ path: "/stats/percentiles", access: "api", methods: { GET: percentiles } }];
}

function toRow(entry: StatsEntry, now: number): PercentilesRow {
  const current = (p: number) => {
    const value = entry.getCurrentResponseTimePercentile(p, now);
    return value === null ? null : Math.round(value * 100) / 100;
  };
  return {
    method: entry.method,
    name: entry.name,
    numRequests: entry.numRequests,
    responseTimes: readSpectrum(entry),
    current50: current(0.5),
    current95: current(0.95),
  };
}
