import type { Server } from "bun";

/** HTTP methods a route can answer. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** Per-request details a handler may need besides the request. */
export interface RouteContext {
  url: URL;
  /** `:name` segments of the route path, and `*` for a trailing wildcard. */
  params: Record<string, string>;
  /** The running server; undefined when the app is driven in-process (tests). */
  server: Server<unknown> | undefined;
}

/**
 * A route handler, like a Bun route handler with an extra context argument. Returning undefined means the request
 * was upgraded to a WebSocket.
 */
export type RouteHandler = (req: Request, context: RouteContext) => Response | undefined | Promise<Response | undefined>;

/** Who may call a route: anyone, or an authenticated page / API client (see auth.ts). */
export type RouteAccess = "public" | "page" | "api";

/** One path (relative to the base path) and its handlers by method. */
export interface Route {
  path: string;
  methods: Partial<Record<HttpMethod, RouteHandler>>;
  access: RouteAccess;
  /** Its GET changes state (kept for Locust's scripts), so cross-site GETs are refused like POSTs (cross-site-guard.ts). */
  stateChangingGet?: boolean;
}

/** A matched route. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * The web UI's routes: exact paths, `:name` segments and a trailing `*`. Later additions replace earlier ones with
 * the same path, so plugins can override a built-in route, as with Flask.
 */
export class RouteTable {
  readonly #routes = new Map<string, Route>();

  /** Adds (or replaces) a route. Paths start with "/". */
  add(route: Route): void {
    if (!route.path.startsWith("/")) throw new Error(`route path must start with "/": ${route.path}`);
    this.#routes.set(route.path, route);
  }

  /** Every route, in the order added. */
  get routes(): Route[] {
    return [...this.#routes.values()];
  }

  /** The route for `path`, exact matches first. */
  match(path: string): RouteMatch | null {
    const exact = this.#routes.get(path);
    if (exact) return { route: exact, params: {} };
    const segments = path.split("/");
    for (const route of this.#routes.values()) {
      const params = matchPattern(route.path.split("/"), segments);
      if (params) return { route, params };
    }
    return null;
  }
}

/** The handler of `route` for `method` (HEAD falls back to GET). */
export function selectHandler(route: Route, method: string): RouteHandler | undefined {
  const methods = route.methods;
  return methods[method as HttpMethod] ?? (method === "HEAD" ? methods.GET : undefined);
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    if (part === "*" && i === pattern.length - 1) {
      params["*"] = segments.slice(i).join("/");
      return params["*"] ? params : null;
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (part.startsWith(":") && segment !== "") params[part.slice(1)] = decodeSegment(segment);
    else if (part !== segment) return null;
  }
  return pattern.length === segments.length ? params : null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is passed on as written rather than failing the request
  }
}

/** Thrown by a handler to answer with `status` and the message as text (e.g. a malformed body → 400). */
export class RouteError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "RouteError";
    this.status = status;
  }
}
