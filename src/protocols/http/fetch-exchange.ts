/**
 * One request over `fetch`, with redirects followed by hand so that cookies are stored at every hop, the history
 * is kept and the first URL names the request.
 * @module
 */
import type { CookieJar } from "./cookie-jar.ts";
import type { PreparedRequest } from "./prepare-request.ts";
import { isRedirectStatus, planRedirect } from "./redirect.ts";
import { HttpResponse, type SentRequest } from "./response.ts";
import { TransportError, toTransportError } from "./transport-error.ts";

/** How to carry out one exchange. */
export interface ExchangeSettings {
  jar: CookieJar;
  /** Per-request cookies, sent on every hop and not stored. */
  cookies: Record<string, string> | undefined;
  followRedirects: boolean;
  maxRedirects: number;
  /** Leave the final body unread (`HttpResponse.body`). */
  stream: boolean;
  verify: boolean;
  /** Aborts the exchange: the user's signal, possibly combined with a timeout. */
  signal: AbortSignal | undefined;
  /** The user's own signal: its abort rejects the exchange instead of becoming a failed response. */
  userSignal: AbortSignal | undefined;
  /** Seconds, for the timeout error's message. */
  timeoutSeconds: number | undefined;
}

interface Hop {
  method: string;
  url: URL;
  headers: Headers;
  body: PreparedRequest["body"];
}

const NO_TLS_CHECK = { rejectUnauthorized: false };

function headersWithCookies(hop: Hop, settings: ExchangeSettings): Headers {
  if (hop.headers.has("cookie")) return hop.headers;
  const cookie = settings.jar.formatCookieHeader(hop.url, settings.cookies);
  if (!cookie) return hop.headers;
  const headers = new Headers(hop.headers);
  headers.set("cookie", cookie);
  return headers;
}

function send(hop: Hop, settings: ExchangeSettings): Promise<Response> {
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

async function readResponse(res: Response, hop: Hop, sent: SentRequest, started: number, stream: boolean, history?: HttpResponse[]): Promise<HttpResponse> {
  const content = stream ? null : await res.bytes();
  return new HttpResponse({
    status: res.status,
    reason: res.statusText,
    headers: res.headers,
    content,
    body: stream ? res.body : null,
    url: hop.url.href,
    elapsed: performance.now() - started,
    request: sent,
    history,
  });
}

function nextHop(hop: Hop, status: number, location: string): Hop {
  const plan = planRedirect(status, hop.method, hop.url, location);
  let headers = hop.headers;
  if (plan.dropBody || plan.stripAuth) {
    headers = new Headers(headers);
    if (plan.dropBody) headers.delete("content-type");
    if (plan.stripAuth) headers.delete("authorization");
  }
  return { method: plan.method, url: plan.url, headers, body: plan.dropBody ? undefined : hop.body };
}

/**
 * Sends `prepared` to `url` and follows redirects (up to `maxRedirects`). A transport failure resolves to a
 * status-0 response carrying the error (a timeout too); only an abort of the user's signal rejects, with its reason.
 */
export async function exchange(prepared: PreparedRequest, url: URL, settings: ExchangeSettings): Promise<HttpResponse> {
  const started = performance.now();
  const sent: SentRequest = { method: prepared.method, url: prepared.url, headers: prepared.headers };
  const history: HttpResponse[] = [];
  let hop: Hop = { method: prepared.method, url, headers: prepared.headers, body: prepared.body };
  try {
    for (;;) {
      const res = await send(hop, settings);
      settings.jar.storeFromHeaders(res.headers, hop.url);
      const location = res.headers.get("location");
      if (!settings.followRedirects || location === null || !isRedirectStatus(res.status)) {
        return await readResponse(res, hop, sent, started, settings.stream, history);
      }
      if (history.length >= settings.maxRedirects) {
        await res.body?.cancel();
        throw new TransportError("TooManyRedirects", `Exceeded ${settings.maxRedirects} redirects.`);
      }
      history.push(await readResponse(res, hop, sent, started, false));
      hop = nextHop(hop, res.status, location);
    }
  } catch (err) {
    if (settings.userSignal?.aborted) throw settings.userSignal.reason ?? err;
    const error = toTransportError(err, settings.timeoutSeconds);
    return new HttpResponse({ status: 0, content: null, url: hop.url.href, elapsed: performance.now() - started, request: sent, history, error });
  }
}
