/**
 * One request over `fetch`, with redirects followed by hand so that cookies are stored at every hop, the history
 * is kept and the first URL names the request.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import {
  isRedirectStatus,
  planRedirect,
  TransportError,
  toTransportError,
  type CookieJar,
  type PreparedRequest,
  type SentRequest,
} from "../http-shared/index.ts";
import type { FetchGate } from "./fetch-gate.ts";
import { readBody } from "./read-body.ts";
import { HttpResponse } from "./response.ts";

/** How to carry out one exchange. */
export interface ExchangeSettings {
  jar: CookieJar;
  /** Holds the request while too many fetches are in flight. */
  gate: FetchGate;
  /** Per-request cookies, sent on every hop and not stored. */
  cookies: Record<string, string> | undefined;
  followRedirects: boolean;
  maxRedirects: number;
  /** Leave the final body unread (`HttpResponse.body`). */
  stream: boolean;
  /** Bytes a body may have once decoded; past it the request fails with a BodyTooLargeError. */
  maxBodySize: number;
  verify: boolean;
  /** Aborts the exchange: the user's signal, possibly combined with a timeout. */
  signal: AbortSignal | undefined;
  /** The user's own signal: its abort rejects the exchange instead of becoming a failed response. */
  userSignal: AbortSignal | undefined;
  /** Seconds, for the timeout error's message. */
  timeoutSeconds: number | undefined;
}

interface FetchHop {
  method: string;
  url: string;
  /** Parsed only when cookies or a redirect need it: parsing costs more than the rest of this layer. */
  parsed: URL | undefined;
  headers: Headers;
  body: PreparedRequest["body"];
}

const NO_TLS_CHECK = { rejectUnauthorized: false };

function parsedUrl(hop: FetchHop): URL {
  hop.parsed ??= new URL(hop.url);
  return hop.parsed;
}

function headersWithCookies(hop: FetchHop, settings: ExchangeSettings): Headers {
  if ((settings.jar.size === 0 && !settings.cookies) || hop.headers.has("cookie")) return hop.headers;
  const cookie = settings.jar.formatCookieHeader(parsedUrl(hop), settings.cookies);
  if (!cookie) return hop.headers;
  const headers = new Headers(hop.headers);
  headers.set("cookie", cookie);
  return headers;
}

function send(hop: FetchHop, settings: ExchangeSettings): Promise<Response> {
  return fetch(hop.url, {
    method: hop.method,
    headers: headersWithCookies(hop, settings),
    // Bun accepts any Uint8Array; the DOM typing only admits ArrayBuffer-backed ones.
    body: hop.body as BodyInit | undefined,
    redirect: "manual",
    signal: settings.signal,
    tls: settings.verify ? undefined : NO_TLS_CHECK,
  });
}

function toResponse(res: Response, content: Uint8Array | null, hop: FetchHop, sent: SentRequest, started: number, history?: HttpResponse[]): HttpResponse {
  return new HttpResponse({
    status: res.status,
    reason: res.statusText,
    headers: res.headers,
    content,
    body: content === null ? res.body : null,
    url: hop.url,
    elapsed: performance.now() - started,
    request: sent,
    history,
  });
}

function nextHop(hop: FetchHop, status: number, location: string): FetchHop {
  const plan = planRedirect(status, hop.method, parsedUrl(hop), location);
  // fetch would follow file:, data: and s3: URLs; a load test only ever talks HTTP (requests refuses them too).
  if (plan.url.protocol !== "http:" && plan.url.protocol !== "https:") {
    throw new TransportError("InvalidSchema", `No connection adapters were found for '${plan.url.href}'`);
  }
  let headers = hop.headers;
  if (plan.dropBody || plan.stripAuth) {
    headers = new Headers(headers);
    if (plan.dropBody) headers.delete("content-type");
    if (plan.stripAuth) headers.delete("authorization");
  }
  return { method: plan.method, url: plan.url.href, parsed: plan.url, headers, body: plan.dropBody ? undefined : hop.body };
}

function failed(error: unknown, hop: FetchHop, sent: SentRequest, started: number, history: HttpResponse[], settings: ExchangeSettings): HttpResponse {
  if (settings.userSignal?.aborted) throw settings.userSignal.reason ?? error;
  if ((error as { code?: unknown } | null)?.code === "ERR_INVALID_URL") {
    throw new LocustError(`Invalid URL '${hop.url}'`, { code: "INVALID_URL", cause: error });
  }
  const transportError = toTransportError(error, hop.url, settings.timeoutSeconds);
  return new HttpResponse({ status: 0, content: null, url: hop.url, elapsed: performance.now() - started, request: sent, history, error: transportError });
}

/**
 * Waits for a gate lease, sends `prepared` to `url` and follows redirects (up to `maxRedirects`); the response's
 * `elapsed` starts when the lease is granted, so it never includes the wait for other users' requests. A transport
 * failure (a timeout too) resolves to a status-0 response carrying the error; an abort of the user's signal
 * rejects with its reason, and a URL fetch cannot parse rejects with a LocustError. On the per-request path:
 * one async frame on purpose, and the URL is parsed only when cookies or redirects need it.
 */
export async function exchange(prepared: PreparedRequest, settings: ExchangeSettings): Promise<HttpResponse> {
  const sent: SentRequest = { method: prepared.method, url: prepared.url, headers: prepared.headers };
  const history: HttpResponse[] = [];
  let hop: FetchHop = { method: prepared.method, url: prepared.url, parsed: undefined, headers: prepared.headers, body: prepared.body };
  let started = performance.now();
  const gate = settings.gate;
  let lease = gate.tryAcquire(started);
  if (lease === null) {
    try {
      lease = await gate.acquire(settings.signal);
    } catch (err) {
      return failed(err, hop, sent, started, history, settings);
    }
    // The wait was for other users' requests: this one's time starts when it goes out.
    started = lease.start;
  }
  try {
    for (;;) {
      const res = await send(hop, settings);
      if (res.headers.has("set-cookie")) settings.jar.storeFromHeaders(res.headers, parsedUrl(hop));
      const location = res.headers.get("location");
      if (!settings.followRedirects || location === null || !isRedirectStatus(res.status)) {
        return toResponse(res, settings.stream ? null : await readBody(res, settings.maxBodySize), hop, sent, started, history);
      }
      if (history.length >= settings.maxRedirects) {
        await res.body?.cancel();
        throw new TransportError("TooManyRedirects", `Exceeded ${settings.maxRedirects} redirects.`);
      }
      history.push(toResponse(res, await readBody(res, settings.maxBodySize), hop, sent, started));
      hop = nextHop(hop, res.status, location);
    }
  } catch (err) {
    return failed(err, hop, sent, started, history, settings);
  } finally {
    gate.release(lease);
  }
}
