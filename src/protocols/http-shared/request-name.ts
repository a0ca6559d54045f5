/**
 * URL joining and Locust's request-name rules, shared by the fetch and the Bun.connect sessions.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import type { QueryParams } from "./request-options.ts";

/** Locust's message when a relative URL is requested and no host is known. */
export const MISSING_HOST_MESSAGE =
  "You must specify the base host. Either in the host attribute in the User class, or on the command line using the --host option.";

const ABSOLUTE_HTTP_URL = /^https?:\/\//i;
const CREDENTIALS_IN_HOST = /^(https?:\/\/)([^/?#@]*)@/i;

/** True when `url` starts with `http://` or `https://` (any case): such URLs are used as they are. */
export function isAbsoluteUrl(url: string): boolean {
  return ABSOLUTE_HTTP_URL.test(url);
}

/**
 * The URL a request goes to: an absolute `url` as is, else `base + url`. Locust concatenates plainly; the one
 * difference is that a base ending in "/" and a url starting with "/" do not produce "//".
 * @throws LocustError ({@link MISSING_HOST_MESSAGE}) when `url` is relative and there is no base.
 */
export function joinUrl(base: string | undefined, url: string): string {
  if (isAbsoluteUrl(url)) return url;
  if (!base) throw new LocustError(MISSING_HOST_MESSAGE, { code: "MISSING_HOST" });
  if (base.endsWith("/") && url.startsWith("/")) return base + url.slice(1);
  return base + url;
}

/** Encodes query or form parameters; array values repeat the key, as requests does. */
export function encodeParams(params: QueryParams): string {
  if (params instanceof URLSearchParams) return params.toString();
  const search = new URLSearchParams();
  for (const key in params) {
    const value = params[key]!;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  return search.toString();
}

/** Appends encoded `params` to `url`'s query string (before any `#fragment`). */
export function appendQuery(url: string, params: QueryParams | undefined): string {
  if (!params) return url;
  const query = encodeParams(params);
  if (!query) return url;
  const hash = url.indexOf("#");
  const head = hash < 0 ? url : url.slice(0, hash);
  const tail = hash < 0 ? "" : url.slice(hash);
  const separator = !head.includes("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
  return head + separator + query + tail;
}

// Characters a URL parser keeps as they are in a path and query; anything else (%, #, spaces, non-ASCII, dot
// segments, a trailing "?") takes the parser's slow path so the name matches what the parser would produce.
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

function slicePathAndQuery(url: string): string | undefined {
  const scheme = url.indexOf("://");
  if (scheme <= 0) return undefined;
  let start = url.length;
  for (let i = scheme + 3; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      start = i;
      break;
    }
  }
  const rest = url.slice(start);
  if (!PLAIN_PATH.test(rest) || rest.endsWith("?") || rest.includes("/.")) return undefined;
  return rest === "" || rest.charCodeAt(0) === 63 ? "/" + rest : rest;
}

/**
 * Path plus query of an absolute URL (requests' `path_url`): `http://h/a/b?x=1` → `/a/b?x=1`. Called on the
 * per-request path: plain URLs are sliced without running the URL parser.
 */
export function formatPathUrl(url: string | URL): string {
  if (typeof url === "string") {
    const fast = slicePathAndQuery(url);
    if (fast !== undefined) return fast;
  }
  try {
    const parsed = typeof url === "string" ? new URL(url) : url;
    return (parsed.pathname || "/") + parsed.search;
  } catch {
    // An unparsable URL never reaches the network; name it by what the caller gave.
    return String(url);
  }
}

/**
 * Locust's HttpSession naming: the explicit `name`, else the session's current `requestName`, else the path and
 * query (params included) of the first URL requested, before any redirect. Empty strings count as unset.
 */
export function chooseRequestName(name: string | undefined, sessionName: string | undefined, firstUrl: string | URL): string {
  return name || sessionName || formatPathUrl(firstUrl);
}

/** Something that carries a scoped request name: both HTTP sessions. */
export interface RequestNameHolder {
  requestName: string | undefined;
}

/**
 * Names every request `holder` makes while `fn` runs, then restores the previous name (so calls nest).
 * The name is a plain field of the session, as in Locust: requests the same user runs concurrently with the block
 * (e.g. via `Promise.all` outside it) are named by it too. Each user owns its session, so users never interfere.
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#grouping-requests
 */
export async function renameRequest<T>(holder: RequestNameHolder, name: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = holder.requestName;
  holder.requestName = name;
  try {
    return await fn();
  } finally {
    holder.requestName = previous;
  }
}

/** A base URL without `user:password@`, and the credentials it carried (both parts needed, as in Locust). */
export interface HostCredentials {
  baseUrl: string | undefined;
  auth: readonly [user: string, password: string] | undefined;
}

/** Splits `http://user:pass@host/path` into `http://host/path` and Basic-auth credentials. */
export function parseHostCredentials(host: string | undefined): HostCredentials {
  const match = host ? CREDENTIALS_IN_HOST.exec(host) : null;
  if (!host || !match) return { baseUrl: host, auth: undefined };
  const userInfo = match[2]!;
  const colon = userInfo.indexOf(":");
  if (colon <= 0 || colon === userInfo.length - 1) return { baseUrl: host, auth: undefined };
  const user = decodeURIComponent(userInfo.slice(0, colon));
  const password = decodeURIComponent(userInfo.slice(colon + 1));
  return { baseUrl: match[1]! + host.slice(match[0].length), auth: [user, password] };
}
