import { createBootConfig, injectBootConfig } from "../boot-config.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";

/** The single-page app ("/") and its bundled assets ("/assets/*"). */
export function createPageRoutes(context: WebUiContext): Route[] {
  const page = async (): Promise<Response> => {
    if (!context.environment.runner) return new Response("Error: Locust Environment does not have any runner", { status: 500 });
    if (!context.page.available) return new Response("The web UI page is only served by a running server", { status: 503 });
    const html = injectBootConfig(await context.page.html(), createBootConfig(context));
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  };

  const asset = (_req: Request, { params }: { params: Record<string, string> }): Response => {
    const found = context.page.asset(params["*"] ?? "");
    if (!found) return new Response("Not Found", { status: 404 });
    return new Response(found.body, { headers: { "content-type": found.contentType, "cache-control": "max-age=31536000, immutable" } });
  };

  return [
    { path: "/", access: "page", methods: { GET: page } },
    { path: "/assets/*", access: "api", methods: { GET: asset } },
  ];
}
