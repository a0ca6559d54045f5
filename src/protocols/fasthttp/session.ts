/**
 * FastHttpSession: Locust's FastHttpSession on a hand-written HTTP/1.1 client — the same options and
 * catch-response rules as HttpSession, Locust's FastHttp naming and failure rules, and a per-request path that
 * reuses pre-encoded heads and keep-alive connections.
 * Longer than most files because it is the whole public surface of the client.
 * @module
 * @see https://docs.locust.io/en/stable/increase-performance.html
 */
import { LocustError } from "../../core/errors.ts";
import {
  COMMON_SESSION_KEYS,
  CookieJar,
  DEFAULT_MAX_BODY_SIZE,
  appendQuery,
  assertSessionSettings,
  formatBasicAuth,
  joinUrl,
  parseHostCredentials,
  renameRequest,
  type HttpMethod,
  type RequestNameHolder,
  type RequestOptions,
  type RequestReporter,
  type SessionUser,
} from "../http-shared/index.ts";
import { ACCEPT_ENCODING } from "./content-decoding.ts";
import { FastResponse } from "./fast-response.ts";
import { iterateLines } from "./iter-lines.ts";
import { addJarCookies, buildHop, prepareContent, type OutgoingHop } from "./outgoing-request.ts";
import type { ConnectionSettings } from "./connection.ts";
import { ConnectionPool } from "./pool.ts";
import { RequestEncoder, formatHeaderLines } from "./request-encoder.ts";
import type { ExchangeContext } from "./exchange.ts";
import { type FastCatchResponseCallback, PendingRequest, type SessionCore, catchControllers } from "./pending-request.ts";
import { runRest, withCacheBuster, type RestCallback } from "./rest.ts";

export type { FastCatchResponseCallback };

/** Settings of a {@link FastHttpSession}; the defaults are Locust's FastHttpUser class attributes. */
export interface FastHttpSessionSettings {
  /** Prepended to relative URLs; `user:password@` in it becomes Basic auth for every request. */
  baseUrl?: string;
  requestEvent: RequestReporter;
  user?: SessionUser;
  /** Seconds a whole response may take (for a streamed body: its head, then the silence between bytes; default 60). */
  networkTimeout?: number;
  /** Seconds to establish a connection (default 60). */
  connectionTimeout?: number;
  /** Redirects followed before the request fails (default 30). */
  maxRedirects?: number;
  /** Retries after a connection error (default 0). */
  maxRetries?: number;
  /** Skip TLS certificate verification (default true, as Locust). */
  insecure?: boolean;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string>;
  /** Connections per origin (default 10). */
  concurrency?: number;
  /** Bound on a response head, in bytes (default 64 KiB). */
  maxHeaderSize?: number;
  /** Bound on a body, also once its Content-Encoding is undone, in bytes (default 100 MiB); past it the request fails. */
  maxBodySize?: number;
}

const USER_AGENT = "locust-bun";
const SETTING_KEYS = [
  ...COMMON_SESSION_KEYS,
  ...["networkTimeout", "connectionTimeout", "maxRedirects", "maxRetries", "insecure", "defaultHeaders", "concurrency", "maxHeaderSize", "maxBodySize"],
];

/** Options that change the bytes on the wire; without them a request can use a cached head. */
function needsOwnHead(options: RequestOptions): boolean {
  return (
    options.params !== undefined || options.json !== undefined || options.data !== undefined ||
    options.headers !== undefined || options.cookies !== undefined || options.auth !== undefined ||
    options.verify !== undefined
  );
}

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new LocustError(`Invalid URL '${url}': No host supplied`, { code: "INVALID_URL" });
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new LocustError(`No connection adapters were found for '${url}'`, { code: "INVALID_URL" });
  }
  return target;
}

/**
 * A user's HTTP client on its own keep-alive connections (up to `concurrency` per origin). Relative URLs are
 * joined to `baseUrl`; the stats name is the URL exactly as passed (params excluded), as in Locust's FastHttpUser.
 * @example
 * ```ts
 * await this.client.get("/item", { params: { id: 7 } }); // named "/item"
 * await this.client.post("/api", { json: { a: 1 } }, (response) => {
 *   if (response.json<{ ok: boolean }>().ok !== true) response.failure("not ok");
 * });
 * ```
 * @see https://docs.locust.io/en/stable/increase-performance.html
 */
export class FastHttpSession implements RequestNameHolder {
  readonly cookies = new CookieJar();
  /** The name every request gets while set (see {@link FastHttpSession.renameRequest}); `name` still wins. */
  requestName: string | undefined;
  maxRedirects: number;
  maxRetries: number;
  /** Seconds a whole response may take before the request fails (see {@link FastHttpSessionSettings.networkTimeout}). */
  networkTimeout: number;
  #baseUrl: string | undefined;
  readonly #fixed: Headers;
  /** Basic credentials from the host URL, sent with every request unless `auth` is given. */
  readonly #authHeader: string | undefined;
  readonly #encoder: RequestEncoder;
  readonly #pool: ConnectionPool;
  /** Connections with the opposite certificate check, for requests that set `verify` (created on first use). */
  #otherPool: ConnectionPool | undefined;
  readonly #connectionSettings: ConnectionSettings;
  readonly #user: SessionUser | undefined;
  readonly #core: SessionCore;
  #signal: AbortSignal | undefined;
  readonly #onAbort = () => {
    const reason = toAbortError(this.#signal?.reason);
    this.#pool.abort(reason);
    this.#otherPool?.abort(reason);
  };

  constructor(settings: FastHttpSessionSettings) {
    assertSessionSettings("FastHttpSession", settings, SETTING_KEYS);
    const { baseUrl, auth } = parseHostCredentials(settings.baseUrl);
    this.#baseUrl = baseUrl;
    this.maxRedirects = settings.maxRedirects ?? 30;
    this.maxRetries = settings.maxRetries ?? 0;
    this.networkTimeout = settings.networkTimeout ?? 60;
    this.#user = settings.user;
    const fixed = new Headers({ "User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING });
    // set(), not a spread: `user-agent` must replace `User-Agent`, not be sent beside it.
    for (const [name, value] of Object.entries(settings.defaultHeaders ?? {})) fixed.set(name, value);
    this.#authHeader = auth && formatBasicAuth(auth[0], auth[1]);
    if (this.#authHeader) fixed.set("authorization", this.#authHeader);
    this.#fixed = fixed;
    this.#encoder = new RequestEncoder(formatHeaderLines(fixed));
    const connection: ConnectionSettings = {
      connectionTimeout: settings.connectionTimeout ?? 60,
      insecure: settings.insecure ?? true,
      maxHeaderSize: settings.maxHeaderSize,
      maxBodySize: settings.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
      concurrency: settings.concurrency ?? 10,
    };
    this.#connectionSettings = connection;
    this.#pool = new ConnectionPool(connection);
    const exchange: ExchangeContext = { session: this, jar: this.cookies, fixed, pools: this.#pool };
    this.#core = { exchange, reporter: settings.requestEvent, user: settings.user };
  }

  /** Where this session reports its requests (Locust's `client.request_event`), for extra sessions of the user. */
  get requestEvent(): RequestReporter {
    return this.#core.reporter;
  }

  /** Prepended to relative URLs (credentials removed). */
  get baseUrl(): string | undefined {
    return this.#baseUrl;
  }

  set baseUrl(url: string | undefined) {
    this.#baseUrl = url;
    this.#encoder.clear();
  }

  /** Bytes a body may have, also once decoded (Content-Encoding undone), before the request fails with a BodyTooLargeError. */
  get maxBodySize(): number {
    return this.#connectionSettings.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  }

  /** Open connections (all origins). */
  get connectionCount(): number {
    return this.#pool.size + (this.#otherPool?.size ?? 0);
  }

  /** GET `url`. */
  get(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("GET", url, options, callback);
  }

  /** POST `url`. */
  post(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("POST", url, options, callback);
  }

  /** PUT `url`. */
  put(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("PUT", url, options, callback);
  }

  /** PATCH `url`. */
  patch(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("PATCH", url, options, callback);
  }

  /** DELETE `url`. */
  delete(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("DELETE", url, options, callback);
  }

  /** HEAD `url` (redirects followed, as in Locust's FastHttpSession). */
  head(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("HEAD", url, options, callback);
  }

  /** OPTIONS `url`. */
  options(url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    return this.request("OPTIONS", url, options, callback);
  }

  /** Names every request made while `fn` runs (Locust's `rename_request`). */
  renameRequest<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    return renameRequest(this, name, fn);
  }

  /**
   * Sends one request and reports it. Without `catchResponse` the event fires before the promise resolves; with a
   * `callback` (which implies `catchResponse`) when the callback settles; with `catchResponse` alone when the
   * response is disposed (`await using`) or `report()`ed. Transport faults resolve to a status-0 response with
   * `error`. When the user is force-stopped the promise rejects with the abort reason and nothing is reported.
   * @throws LocustError for a relative URL without a host, or an invalid URL.
   */
  request(method: HttpMethod, url: string, options?: RequestOptions, callback?: FastCatchResponseCallback): Promise<FastResponse> {
    let signal: AbortSignal | undefined;
    let hop: OutgoingHop;
    try {
      signal = this.#watchSignal();
      hop = options === undefined || !needsOwnHead(options) ? this.#cachedHop(method, url) : this.#ownHop(method, url, options);
    } catch (err) {
      return Promise.reject(err);
    }
    const started = performance.now();
    const pending = new PendingRequest(this.#core, method, options?.name || this.requestName || url, hop, options, callback, signal, started);
    const timeout = options?.timeout;
    const timeoutMs = (timeout ?? this.networkTimeout) * 1000;
    const connection = options?.stream !== true ? hop.pool.acquire(started, timeout === undefined ? undefined : timeoutMs) : null;
    if (connection === null) return pending.run();
    // The common case: the connection's socket handler finishes and reports the request (see PendingRequest).
    pending.sentOn(connection);
    return connection.send(hop.bytes, hop.noBody, started, timeoutMs, pending) as Promise<FastResponse>;
  }

  /**
   * Locust's `rest()`: `Content-Type` and `Accept` default to JSON (added to `headers` unless set there), the
   * response is caught, `response.js` set to the parsed body, and errors in `callback` turned into failures
   * (assertions keep their message).
   */
  async rest(method: HttpMethod, url: string, options: RequestOptions = {}, callback?: RestCallback): Promise<FastResponse> {
    const headers = new Headers(options.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    if (!headers.has("accept")) headers.set("accept", "application/json");
    const response = await this.request(method, url, { ...options, headers, catchResponse: true });
    return runRest(response, catchControllers.get(response)!, callback);
  }

  /** Locust's `rest_()`: {@link FastHttpSession.rest} with a cache-busting `_=<epoch ms>` query parameter. */
  rest_(method: HttpMethod, url: string, options: RequestOptions = {}, callback?: RestCallback): Promise<FastResponse> {
    const busted = withCacheBuster(url, options.name);
    return this.rest(method, busted.url, { ...options, name: busted.name }, callback);
  }

  /** Streams `url` and yields its decoded lines; throws the failure for a bad status or transport error. */
  iterLines(url: string, method: HttpMethod = "GET", options: RequestOptions = {}): AsyncGenerator<string, void, undefined> {
    return iterateLines(this.request(method, url, { ...options, stream: true }));
  }

  /** Closes every connection; requests in flight fail. */
  close(): void {
    const reason = new LocustError("The session was closed");
    this.#pool.close(reason);
    this.#otherPool?.close(reason);
  }

  /** Subscribes once per signal object (the user renews it for onStop); throws its reason when already aborted. */
  #watchSignal(): AbortSignal | undefined {
    const user = this.#user;
    if (user === undefined) return undefined;
    const signal = user.signal;
    if (signal !== this.#signal) {
      this.#signal?.removeEventListener("abort", this.#onAbort);
      this.#signal = signal;
      signal.addEventListener("abort", this.#onAbort);
    }
    if (signal.aborted) throw signal.reason;
    return signal;
  }

  #cachedHop(method: string, url: string): OutgoingHop {
    let hop = this.#encoder.lookup(method, url);
    if (hop === undefined) {
      const target = parseTarget(joinUrl(this.#baseUrl, url));
      hop = this.#encoder.prepare(method, url, target, this.#pool.forUrl(target));
    }
    return this.cookies.size === 0 ? hop : addJarCookies(hop, this.cookies);
  }

  #ownHop(method: string, url: string, options: RequestOptions): OutgoingHop {
    const target = parseTarget(appendQuery(joinUrl(this.#baseUrl, url), options.params));
    const { headers, body } = prepareContent(this.#fixed, options, this.#authHeader);
    const pool = this.#poolsFor(options.verify).forUrl(target);
    return buildHop({ method, url: target, pool, headers, body, jar: this.cookies, cookies: options.cookies });
  }

  #poolsFor(verify: boolean | undefined): ConnectionPool {
    const settings = this.#connectionSettings;
    if (verify === undefined || verify !== settings.insecure) return this.#pool;
    this.#otherPool ??= new ConnectionPool({ ...settings, insecure: !verify });
    return this.#otherPool;
  }
}

function toAbortError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason ?? "aborted"));
}

