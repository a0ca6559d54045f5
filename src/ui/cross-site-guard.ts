/**
 * Refuses state-changing requests that a page of another site made the browser send (cross-site request
 * forgery): a form posting `/swarm`, an `<img>` loading `/stop`. Browsers say who started a request
 * (`Sec-Fetch-Site`, or `Origin`/`Referer` in older ones); scripts such as curl send none of these, so Locust's
 * documented API keeps working from them.
 * @module
 */
import type { Route } from "./route-table.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether `method` on `route` changes state (any unsafe method, and GET on routes that act on GET). */
export function changesState(route: Route, method: string): boolean {
  return route.stateChangingGet === true || !SAFE_METHODS.has(method);
}

/**
 * Why `req` looks started by a page of another origin (e.g. "Sec-Fetch-Site: cross-site"), or undefined when it
 * came from the UI's own page, the address bar, or a script. `same-site` is refused too: another port on the same
 * host (a dev server on localhost) is a different origin.
 */
export function findForeignInitiator(req: Request): string | undefined {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? undefined : `Sec-Fetch-Site: ${site}`;
  for (const name of ["origin", "referer"]) {
    const value = req.headers.get(name);
    if (value !== null) return isOwnHost(value, req) ? undefined : `${name === "origin" ? "Origin" : "Referer"}: ${value}`;
  }
  return undefined;
}

/** Compares hosts only, so a TLS-terminating proxy (https page, http request) still counts as the same origin. */
function isOwnHost(url: string, req: Request): boolean {
  try {
    return new URL(url).host === new URL(req.url).host;
  } catch {
    return false; // "null" (a sandboxed frame) or garbage: not our page
  }
}

/** The 403 for a refused request. */
export function refuseCrossSite(reason: string): Response {
  return new Response(
    `Forbidden: cross-site request refused (${reason}); the web UI's state changes only from its own page or from scripts`,
    { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } },
  );
}
