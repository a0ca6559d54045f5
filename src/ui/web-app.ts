/**
 * The web UI as a fetch handler plus WebSocket handlers, usable in-process (tests) or behind Bun.serve (server.ts).
 * Every request goes: base path → route table → cross-site guard → auth guard → handler; errors become text
 * responses.
 * @module
 */
import type { Server, ServerWebSocket, WebSocketHandler } from "bun";
import type { Environment, WebUiExtension } from "../core/environment.ts";
import { createLogger } from "../core/log.ts";
import type { FlagSpec, Options } from "../core/options/index.ts";
import { AuthGuard, type LoginCheck } from "./auth.ts";
import { changesState, findForeignInitiator, refuseCrossSite } from "./cross-site-guard.ts";
import { readClientAddress } from "./login-throttle.ts";
import { PageSource } from "./page-source.ts";
import { RouteError, RouteTable, selectHandler, type HttpMethod, type Route, type RouteAccess, type RouteHandler } from "./route-table.ts";
import { createDownloadRoutes } from "./routes/downloads.ts";
import { createExceptionsRoutes } from "./routes/exceptions.ts";
import { createInfoRoutes } from "./routes/info.ts";
import { createLoginRoutes } from "./routes/login.ts";
import { createMetricsRoutes } from "./routes/metrics.ts";
import { createPageRoutes } from "./routes/page.ts";
import { createPercentilesRoutes } from "./routes/percentiles.ts";
import { createStatsRoutes } from "./routes/stats.ts";
import { createSwarmRoutes } from "./routes/swarm.ts";
import { STATS_TOPIC, StatsPush } from "./stats-push.ts";
import type { WebUiContext } from "./web-ui-context.ts";

/** The web UI, ready to be served. */
export interface WebUiApp {
  readonly context: WebUiContext;
  readonly routes: RouteTable;
  readonly facade: WebUiExtension;
  /** Handles one request; undefined means it was upgraded to a WebSocket. */
  fetch(req: Request, server?: Server<unknown>): Promise<Response | undefined>;
  readonly websocket: WebSocketHandler<unknown>;
}

const ALL_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

const ROUTE_FACTORIES = [
  createPageRoutes,
  createLoginRoutes,
  createSwarmRoutes,
  createStatsRoutes,
  createPercentilesRoutes,
  createDownloadRoutes,
  createExceptionsRoutes,
  createInfoRoutes,
  createMetricsRoutes,
];

/**
 * Builds the web UI for `environment` and sets `environment.webUi` to its {@link WebUiExtension}. Nothing listens yet:
 * serve it with `startWebUi`, or call `fetch` directly.
 */
export function createWebUi(environment: Environment, options: Options, indexPath = "/", customFlags: readonly FlagSpec[] = []): WebUiApp {
  const basePath = options.webBasePath.replace(/\/+$/, "");
  const auth = new AuthGuard({
    webAuth: options.webAuth,
    webLogin: options.webLogin,
    basePath,
    secureCookie: Boolean(options.tlsCert && options.tlsKey),
    nowMs: () => environment.clock.monotonic(),
  });
  const context: WebUiContext = {
    environment,
    options,
    customFlags,
    auth,
    push: new StatsPush(environment),
    page: new PageSource(indexPath),
    basePath,
    log: createLogger("locust.web"),
  };
  const routes = new RouteTable();
  for (const factory of ROUTE_FACTORIES) for (const route of factory(context)) routes.add(route);
  routes.add({ path: "/ws", access: "api", methods: { GET: upgradeToStats } });
  const facade = createFacade(routes, auth, basePath);
  environment.webUi = facade;
  return {
    context,
    routes,
    facade,
    fetch: (req, server) => dispatch(context, routes, req, server),
    websocket: {
      open(ws: ServerWebSocket<unknown>) {
        ws.subscribe(STATS_TOPIC);
        ws.send(JSON.stringify(context.push.initialFrame()));
      },
      message() {},
    },
  };
}

function upgradeToStats(req: Request, { server }: { server: Server<unknown> | undefined }): Response | undefined {
  if (!server) return new Response("WebSocket upgrade needs a running server", { status: 400 });
  if (server.upgrade(req, { data: undefined })) return undefined;
  return new Response("Expected a WebSocket upgrade", { status: 400 });
}

function createFacade(routes: RouteTable, auth: AuthGuard, basePath: string) {
  return {
    basePath,
    addRoute(path: string, handler: RouteHandler | Partial<Record<HttpMethod, RouteHandler>>, options: { access?: RouteAccess } = {}) {
      // A bare function answers every method, like a Bun route handler.
      const methods = typeof handler === "function" ? Object.fromEntries(ALL_METHODS.map((m) => [m, handler])) : handler;
      routes.add({ path: path.startsWith("/") ? path : `/${path}`, methods, access: options.access ?? "api" });
    },
    setLoginCheck(check: LoginCheck) {
      auth.loginCheck = check;
    },
  } satisfies WebUiExtension;
}

async function dispatch(context: WebUiContext, routes: RouteTable, req: Request, server?: Server<unknown>): Promise<Response | undefined> {
  const url = new URL(req.url);
  const { basePath } = context;
  if (basePath && url.pathname === basePath) return new Response(null, { status: 308, headers: { location: `${basePath}/${url.search}` } });
  if (basePath && !url.pathname.startsWith(`${basePath}/`)) return new Response("Not Found", { status: 404 });
  const match = routes.match(url.pathname.slice(basePath.length));
  const cors = !context.auth.enabled;
  if (req.method === "OPTIONS" && cors) return withCors(new Response(null, { status: 204 }), true);
  if (!match) return withCors(new Response("Not Found", { status: 404 }), cors);
  const { route, params } = match;
  const foreign = changesState(route, req.method) ? findForeignInitiator(req) : undefined;
  if (foreign) {
    context.log.warning(`Refused a cross-site ${req.method} ${url.pathname} (${foreign})`);
    return refuseCrossSite(foreign);
  }
  if (route.access !== "public") {
    const denied = context.auth.check(req, route.access, readClientAddress(req, server));
    if (denied) return denied;
  }
  const handler = selectHandler(route, req.method);
  if (!handler) return methodNotAllowed(route);
  try {
    const response = await handler(req, { url, params, server });
    return response === undefined ? undefined : withCors(response, cors);
  } catch (err) {
    if (err instanceof RouteError) return withCors(new Response(err.message, { status: err.status }), cors);
    const message = err instanceof Error ? err.message : String(err);
    context.log.error(`UI got request for ${req.method} ${url.pathname}, but it failed: ${message}`);
    return withCors(new Response(message, { status: 500 }), cors);
  }
}

function methodNotAllowed(route: Route): Response {
  const allow = Object.keys(route.methods).join(", ");
  return new Response("Method Not Allowed", { status: 405, headers: { allow } });
}

/** Locust enables CORS for every route; we do too, but only while the UI has no authentication. */
function withCors(response: Response, cors: boolean): Response {
  if (!cors) return response;
  let target = response;
  try {
    target.headers.set("access-control-allow-origin", "*");
  } catch {
    // A plugin may return a response with immutable headers (e.g. a proxied fetch): copy it.
    target = new Response(response.body, response);
    target.headers.set("access-control-allow-origin", "*");
  }
  target.headers.set("access-control-allow-methods", "GET, POST, OPTIONS");
  target.headers.set("access-control-allow-headers", "content-type");
  return target;
}
