import { formatPrometheusMetrics } from "../prometheus-text.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";

/** GET /metrics for Prometheus scrapers (guarded like every route: give the scraper basic-auth credentials). */
export function createMetricsRoutes(context: WebUiContext): Route[] {
  const metrics = () =>
    new Response(formatPrometheusMetrics(context.environment), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    });
  return [{ path: "/metrics", access: "api", methods: { GET: metrics } }];
}
