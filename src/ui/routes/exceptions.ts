import { locustJsonResponse } from "../locust-json.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";
import { formatExceptionsReport } from "../wire-format.ts";

/** GET /exceptions: the runner's exceptions table (its CSV form is in downloads.ts). */
export function createExceptionsRoutes(context: WebUiContext): Route[] {
  const exceptions = () => locustJsonResponse(formatExceptionsReport(context.environment.runner?.exceptions.rows() ?? []));
  return [{ path: "/exceptions", access: "api", methods: { GET: exceptions } }];
}
