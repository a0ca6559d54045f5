import { TransportError } from "./transport-error.ts";

/** The statuses that are followed as redirects. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** True for 301, 302, 303, 307 and 308. */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** Where and how to go after a redirect response. */
export interface RedirectHop {
  method: string;
  url: URL;
  /** The body (and its Content-Type) is dropped: every redirect but 307 and 308 does this. */
  dropBody: boolean;
  /** The host changed or https became http: credentials must not follow (requests strips Authorization). */
  stripAuth: boolean;
}

/**
 * The next request after a redirect, as requests (and browsers) do it (a TransportError when `location` is not a
 * URL): 303 turns any method but HEAD into GET,
 * 302 does so too (as requests does), 301 turns POST into GET, and only 307 and 308 keep the body.
 */
export function planRedirect(status: number, method: string, from: URL, location: string): RedirectHop {
  const url = URL.parse(location, from);
  // A server's bad Location is that request's failure, never an error out of the task.
  if (url === null) throw new TransportError("InvalidURL", `Invalid redirect URL '${location}' from ${from.href}`);
  const upper = method.toUpperCase();
  let next = method;
  if (status === 303 && upper !== "HEAD") next = "GET";
  else if (status === 302 && upper !== "HEAD") next = "GET";
  else if (status === 301 && upper === "POST") next = "GET";
  const stripAuth = url.hostname !== from.hostname || (from.protocol === "https:" && url.protocol !== "https:");
  return { method: next, url, dropBody: status !== 307 && status !== 308, stripAuth };
}
