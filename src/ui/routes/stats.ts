import { locustJsonResponse } from "../locust-json.ts";
import { formatAttachmentHeader, formatReportFileName } from "../download-name.ts";
import { renderHtmlReport } from "../report/html-report.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";
import { formatNoRunnerReport, formatRequestsReport } from "../wire-format.ts";
import { workerTuples } from "../worker-rows.ts";

/**
 * /stats/requests (always fresh: Locust memoises it for 2 s, but our page reads the WebSocket, so the route is
 * only polled by scripts, and building 500 entries takes well under a millisecond), /stats/reset, /stats/report.
 */
export function createStatsRoutes(context: WebUiContext): Route[] {
  const { environment } = context;

  const requests = (): Response => {
    const runner = environment.runner;
    if (!runner) return locustJsonResponse(formatNoRunnerReport());
    const { stats, clock } = environment;
    return locustJsonResponse(formatRequestsReport({ stats, state: runner.state, userCount: runner.userCount, now: clock.now(), workers: workerTuples(runner) }));
  };

  const reset = (): Response => {
    environment.events.resetStats.fire({});
    environment.stats.resetAll();
    environment.runner?.exceptions.clear();
    return new Response("ok", { headers: { "content-type": "text/html; charset=utf-8" } });
  };

  const report = (_req: Request, { url }: { url: URL }): Response => {
    const download = Boolean(url.searchParams.get("download"));
    const theme = url.searchParams.get("theme") === "dark" ? "dark" : "light";
    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
    if (download) headers["content-disposition"] = formatAttachmentHeader(formatReportFileName(environment, ".html"));
    return new Response(renderHtmlReport(environment, { theme, download }), { headers });
  };

  return [
    { path: "/stats/requests", access: "api", methods: { GET: requests } },
    { path: "/stats/reset", access: "api", methods: { GET: reset, POST: reset }, stateChangingGet: true },
    { path: "/stats/report", access: "api", methods: { GET: report } },
  ];
}
