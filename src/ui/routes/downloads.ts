import { formatExceptionsCsv, formatFailuresCsv, formatStatsCsv } from "../../core/output/index.ts";
import { formatAttachmentHeader, formatReportFileName } from "../download-name.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";

const NO_FULL_HISTORY = "Error: Server was not started with option to generate full history.";

/** The CSV downloads, with the same content as the `--csv` files (built by core/output/csv-rows.ts). */
export function createDownloadRoutes(context: WebUiContext): Route[] {
  const { environment, options } = context;
  const csv = (text: string | Blob, kind: string) =>
    new Response(text, {
      headers: {
        "content-type": "text/csv",
        "content-disposition": formatAttachmentHeader(formatReportFileName(environment, `_${kind}.csv`)),
      },
    });

  const fullHistory = async (): Promise<Response> => {
    const file = options.csvPrefix && options.csvFullHistory ? Bun.file(`${options.csvPrefix}_stats_history.csv`) : undefined;
    if (!file || !(await file.exists())) return new Response(NO_FULL_HISTORY, { status: 404 });
    return csv(file, "requests_full_history");
  };

  return [
    { path: "/stats/requests/csv", access: "api", methods: { GET: () => csv(formatStatsCsv(environment.stats), "requests") } },
    { path: "/stats/requests_full_history/csv", access: "api", methods: { GET: fullHistory } },
    { path: "/stats/failures/csv", access: "api", methods: { GET: () => csv(formatFailuresCsv(environment.stats), "failures") } },
    {
      path: "/exceptions/csv",
      access: "api",
      methods: { GET: () => csv(formatExceptionsCsv(environment.runner?.exceptions.rows() ?? []), "exceptions") },
    },
  ];
}
