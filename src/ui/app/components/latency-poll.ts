import { fetchPercentiles } from "../api.ts";
import type { Store } from "../state.ts";

/**
 * Keeps `state.latency` fresh: once per stats frame, while the Latency tab is open (or the Charts tab with rows
 * ticked), asks `/stats/percentiles` for the ticked names, and records each ticked entry's p95 at the frame's
 * chart time for the charts' per-row lines: over the last 10 s where the server keeps per-name windows
 * (`--csv-full-history`), else over the run so far (the only per-name figure a default run keeps).
 */
export function mountLatencyPoll(store: Store): void {
  let polledFrame: unknown = null;
  let polledTicked: unknown = null;
  let inFlight = false;
  store.subscribe(({ frame, tab, ticked }) => {
    const wanted = tab === "latency" || (tab === "charts" && ticked.length > 0);
    if (!wanted || !frame || inFlight || (polledFrame === frame && polledTicked === ticked)) return;
    polledFrame = frame;
    polledTicked = ticked;
    inFlight = true;
    const time = frame.point?.[0];
    fetchPercentiles(ticked)
      .then((latency) => {
        const rowPoints = { ...store.state.rowPoints };
        const p95 = latency.percentiles.indexOf(0.95);
        if (time !== undefined) {
          for (const row of latency.stats.slice(1)) {
            const value = row["current_response_time_percentile_0.95"] ?? row.response_times[p95] ?? null;
            const key = `${row.method} ${row.name}`;
            if (value !== null) rowPoints[key] = { ...rowPoints[key], [time]: value };
          }
        }
        inFlight = false;
        store.update({ latency, rowPoints });
      })
      .catch(() => {
        // The connection indicator already says the server is gone; the next frame asks again.
        inFlight = false;
      });
  });
}
