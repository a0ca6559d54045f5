/**
 * Requests that cannot come from the prepared-head cache: per-request headers, bodies (data / json), Basic auth,
 * cookies, and every redirect hop. Builds the merged headers and the bytes to write.
 * @module
 */
import { CookieJar, encodeBody, formatBasicAuth, type RequestOptions } from "../http-shared/index.ts";
import type { OriginPool } from "./pool.ts";
import { defaultBody, encodeRequest, formatHeaderLines } from "./request-encoder.ts";

const utf8 = new TextEncoder();

/** One request on the wire: where it goes and its bytes, plus what a redirect needs to build the next hop. */
export interface OutgoingHop {
  /** Upper-case, as sent. */
  readonly method: string;
  /** Absolute URL string (the event's `url`). */
  readonly href: string;
  readonly url: URL;
  readonly pool: OriginPool;
  /** The whole request: head and body. */
  readonly bytes: Uint8Array;
  /** Header lines as sent, Host excluded (for `response.request`). */
  readonly headerLines: string;
  /** A HEAD request: the response has no body. */
  readonly noBody: boolean;
  /** The request body (re-sent by 307/308 redirects), or null. */
  readonly body: Uint8Array | null;
  /** Merged request headers, or null when they are the session's fixed ones. */
  readonly headers: Headers | null;
}

/** Bytes of a request body option. */
export function toBodyBytes(body: string | Uint8Array | ArrayBuffer | undefined): Uint8Array | null {
  if (body === undefined) return null;
  if (typeof body === "string") return utf8.encode(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

/**
 * The headers of a request: the session's fixed ones, overridden by `options.headers`, then Content-Type (and
 * Accept, for json) unless given, and Authorization from `options.auth`, else from the host's credentials
 * (`sessionAuth`), which replace an Authorization header as they do in Locust.
 */
function mergeHeaders(fixed: Headers, options: RequestOptions, contentType: string | undefined, sessionAuth: string | undefined): Headers {
  const headers = new Headers(fixed);
  const own = options.headers;
  if (own) for (const [key, value] of own instanceof Headers ? own : Object.entries(own)) headers.set(key, value);
  if (contentType && !headers.has("content-type")) headers.set("content-type", contentType);
  if (contentType === "application/json" && !headers.has("accept")) headers.set("accept", "application/json");
  if (options.auth) headers.set("authorization", formatBasicAuth(options.auth[0], options.auth[1]));
  else if (sessionAuth !== undefined) headers.set("authorization", sessionAuth);
  return headers;
}

/** The body and the merged headers of `options` (json only when `data` is empty, as Locust does). */
export function prepareContent(fixed: Headers, options: RequestOptions, sessionAuth: string | undefined): { headers: Headers; body: Uint8Array | null } {
  const { body, contentType } = encodeBody(options);
  return { headers: mergeHeaders(fixed, options, contentType, sessionAuth), body: toBodyBytes(body) };
}

/**
 * `hop` (a cached request with only the fixed headers) plus the Cookie header the jar has for its URL; the hop
 * itself when there is none.
 */
export function addJarCookies(hop: OutgoingHop, jar: CookieJar): OutgoingHop {
  const cookie = jar.formatCookieHeader(hop.url);
  if (!cookie) return hop;
  const lines = hop.headerLines + formatHeaderLines([["cookie", cookie]]);
  const bytes = encodeRequest(hop.method, hop.url.pathname + hop.url.search, hop.pool.origin.hostHeader, lines, defaultBody(hop.method));
  return { ...hop, bytes, headerLines: lines };
}

/** Everything needed to encode one hop. */
export interface HopSpec {
  method: string;
  url: URL;
  pool: OriginPool;
  headers: Headers;
  body: Uint8Array | null;
  jar: CookieJar;
  /** Per-request cookies: sent, not stored. */
  cookies: Record<string, string> | undefined;
}

/** Encodes a hop, adding the Cookie header from the jar (unless the caller set one) and `Content-Length`. */
export function buildHop(spec: HopSpec): OutgoingHop {
  const { url, headers } = spec;
  let lines = formatHeaderLines(headers);
  if (!headers.has("cookie")) {
    const cookie = spec.jar.formatCookieHeader(url, spec.cookies);
    if (cookie) lines += formatHeaderLines([["cookie", cookie]]);
  }
  const method = spec.method.toUpperCase();
  const body = spec.body ?? defaultBody(method);
  const hostHeader = headers.has("host") ? null : spec.pool.origin.hostHeader;
  const bytes = encodeRequest(method, url.pathname + url.search, hostHeader, lines, body);
  return { method, href: url.href, url, pool: spec.pool, bytes, headerLines: lines, noBody: method === "HEAD", body: spec.body, headers };
}
