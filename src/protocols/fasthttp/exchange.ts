/**
 * One request as the session sees it: a round trip on a pooled connection (with retries), redirects followed,
 * cookies stored, the body decoded, and every fault turned into a status-0 response.
 * @module
 */
import { type CookieJar, type RequestOptions, TransportError, isRedirectStatus, planRedirect } from "../http-shared/index.ts";
import { decodeContent } from "./content-decoding.ts";
import { FastResponse } from "./fast-response.ts";
import { buildHop, type OutgoingHop } from "./outgoing-request.ts";
import type { ParsedResponse } from "./parsed-response.ts";
import { PASS_THROUGH } from "./connection.ts";
import type { ConnectionPool } from "./pool.ts";
import { StreamedBody } from "./streamed-body.ts";
import { ConnectionClosedError, ConnectionResetError } from "./transport-error.ts";

/** What an exchange needs from its session. */
export interface ExchangeContext {
  readonly session: { readonly maxRedirects: number; readonly maxRetries: number; readonly networkTimeout: number; readonly maxBodySize: number };
  readonly jar: CookieJar;
  /** Headers of requests that carry only the session's fixed ones. */
  readonly fixed: Headers;
  /** The session's connections, one pool per origin. */
  readonly pools: ConnectionPool;
}

/** Per-request settings derived from the options once. */
interface Limits {
  timeoutMs: number;
  connectMs: number | undefined;
  stream: boolean;
}

function toConnectionError(err: unknown): Error {
  return err instanceof Error ? err : new TransportError("ConnectionError", String(err));
}

/** The body with Content-Encoding undone (a promise when it decodes off the event loop), or null when there is none to undo. */
function decodeBody(parsed: ParsedResponse, maxBytes: number): Uint8Array | Promise<Uint8Array> | null {
  const encoding = parsed.contentEncoding;
  return encoding === undefined ? null : decodeContent(parsed.body, encoding, maxBytes);
}

/** The outcome of a first attempt made by the caller's fast path, handed over when it needs the general path. */
export interface FirstAttempt {
  parsed: ParsedResponse | null;
  failure: unknown;
  /** The connection had served requests before. */
  reused: boolean;
  /** Some response byte arrived before the failure. */
  receivedAny: boolean;
}

/**
 * Completes a fast-path request whose response is final (no redirect to follow): stores cookies, decodes the
 * body, measures the elapsed time. Called on the per-request path; a promise only for a large encoded body.
 */
export function finishExchange(ctx: ExchangeContext, hop: OutgoingHop, parsed: ParsedResponse, started: number): FastResponse | Promise<FastResponse> {
  if (parsed.hasSetCookie) ctx.jar.storeFromHeaders(parsed.headers, hop.url);
  if (parsed.contentEncoding === undefined) return new FastResponse(parsed, null, hop.href, performance.now() - started, hop);
  // Decoding is part of reading the response, so it is inside the timing (as in Locust).
  const failed = (err: unknown) => new FastResponse(null, null, hop.href, performance.now() - started, hop, toConnectionError(err));
  let content: Uint8Array | Promise<Uint8Array> | null;
  try {
    content = decodeBody(parsed, ctx.session.maxBodySize);
  } catch (err) {
    return failed(err);
  }
  if (content instanceof Promise) return content.then((decoded) => new FastResponse(parsed, decoded, hop.href, performance.now() - started, hop), failed);
  return new FastResponse(parsed, content, hop.href, performance.now() - started, hop);
}

/**
 * Sends `first` (following redirects unless `allowRedirects` is false) and returns the response; never rejects
 * except with the user's abort reason when `signal` aborted. `attempt` continues a first try made by the caller.
 * @param started `performance.now()` when the request started; the elapsed time is measured from it.
 */
export async function performExchange(ctx: ExchangeContext, first: OutgoingHop, options: RequestOptions | undefined, started: number, signal: AbortSignal | undefined, attempt?: FirstAttempt): Promise<FastResponse> {
  const timeout = options?.timeout;
  const limits: Limits = {
    timeoutMs: (timeout ?? ctx.session.networkTimeout) * 1000,
    connectMs: timeout === undefined ? undefined : timeout * 1000,
    stream: options?.stream === true,
  };
  let hop = first;
  let parsed: ParsedResponse | null = null;
  let content: Uint8Array | null = null;
  let error: Error | undefined;
  let redirected: Redirected | null = null;
  let body = limits.stream ? new StreamedBody() : null;
  try {
    parsed = attempt?.parsed ?? (await roundTrip(ctx, hop, started, limits, body, signal, attempt));
    if (parsed.hasSetCookie) ctx.jar.storeFromHeaders(parsed.headers, hop.url);
    if (isRedirectStatus(parsed.status) && options?.allowRedirects !== false) {
      redirected = await followRedirects(ctx, { parsed, hop, history: [], body }, options, started, limits, signal);
      ({ parsed, hop, body } = redirected);
    }
    if (body === null) content = await decodeBody(parsed, ctx.session.maxBodySize);
    else body.start(parsed.contentEncoding, ctx.session.maxBodySize);
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    error = toConnectionError(err);
    parsed = null;
  }
  const response = new FastResponse(parsed, content, hop.href, performance.now() - started, hop, error);
  if (redirected !== null) response.history = redirected.history;
  if (body !== null && error === undefined) response.body = body.stream;
  return response;
}

function isConnectionLoss(err: unknown): boolean {
  return err instanceof ConnectionClosedError || err instanceof ConnectionResetError || (err instanceof TransportError && err.code === "EPIPE");
}

/** Retry bookkeeping of one round trip. */
class RetryState {
  retries = 0;
  staleRetried = false;
  constructor(readonly maxRetries: number) {}

  /**
   * Whether to try again after `err`. A reused keep-alive connection that the server closed before any byte of
   * the response is retried once on a fresh one (the race every keep-alive client has); other connection errors
   * are retried `maxRetries` times.
   */
  shouldRetry(err: unknown, reused: boolean, receivedAny: boolean): boolean {
    if (reused && !receivedAny && !this.staleRetried && isConnectionLoss(err)) {
      this.staleRetried = true;
      return true;
    }
    if (this.retries >= this.maxRetries) return false;
    this.retries++;
    return true;
  }
}

/** Sends `hop` on a connection of its pool, retrying as {@link RetryState} allows. */
async function roundTrip(ctx: ExchangeContext, hop: OutgoingHop, now: number, limits: Limits, body: StreamedBody | null, signal: AbortSignal | undefined, failed?: FirstAttempt): Promise<ParsedResponse> {
  const retry = new RetryState(ctx.session.maxRetries);
  if (failed !== undefined) {
    if (signal?.aborted || !retry.shouldRetry(failed.failure, failed.reused, failed.receivedAny)) throw failed.failure;
    now = performance.now();
  }
  for (;;) {
    const pool = hop.pool;
    const connection = pool.acquire(now, limits.connectMs) ?? (await pool.wait());
    const reused = connection.served > 0;
    try {
      return (await connection.send(hop.bytes, hop.noBody, now, limits.timeoutMs, PASS_THROUGH, body ?? undefined)) as ParsedResponse;
    } catch (err) {
      if (signal?.aborted || body?.touched || !retry.shouldRetry(err, reused, connection.receivedAny)) throw err;
      now = performance.now();
    }
  }
}

interface Redirected {
  parsed: ParsedResponse;
  hop: OutgoingHop;
  history: FastResponse[];
  body: StreamedBody | null;
}

async function followRedirects(ctx: ExchangeContext, state: Redirected, options: RequestOptions | undefined, started: number, limits: Limits, signal: AbortSignal | undefined): Promise<Redirected> {
  const max = ctx.session.maxRedirects;
  for (let count = 0; isRedirectStatus(state.parsed.status); count++) {
    const location = state.parsed.headers.get("location");
    if (location === null) break;
    if (count >= max) throw new TransportError("TooManyRedirects", `URL ${state.hop.href}: Redirection limit reached (${max})`);
    const { parsed, hop } = state;
    const content = limits.stream ? null : await decodeBody(parsed, ctx.session.maxBodySize);
    state.history.push(new FastResponse(parsed, content, hop.href, performance.now() - started, hop));
    state.hop = nextHop(ctx, hop, parsed.status, location, options);
    state.body = limits.stream ? new StreamedBody() : null;
    state.parsed = await roundTrip(ctx, state.hop, performance.now(), limits, state.body, signal);
    if (state.parsed.hasSetCookie) ctx.jar.storeFromHeaders(state.parsed.headers, state.hop.url);
  }
  return state;
}

function nextHop(ctx: ExchangeContext, hop: OutgoingHop, status: number, location: string, options: RequestOptions | undefined): OutgoingHop {
  const plan = planRedirect(status, hop.method, hop.url, location);
  const url = plan.url;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TransportError("UnsupportedRedirectSchemeError", `URL ${hop.href}: redirect to unsupported scheme ${url.protocol}`);
  }
  const headers = new Headers(hop.headers ?? ctx.fixed);
  headers.delete("cookie");
  headers.delete("host");
  if (plan.dropBody) headers.delete("content-type");
  if (plan.stripAuth) headers.delete("authorization");
  const body = plan.dropBody ? null : hop.body;
  return buildHop({ method: plan.method, url, pool: ctx.pools.forUrl(url), headers, body, jar: ctx.jar, cookies: options?.cookies });
}
