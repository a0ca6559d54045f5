/**
 * HttpSession: Locust's requests-based session on Bun's `fetch` — verbs, options, cookies, redirects, Basic auth,
 * timeouts, the user's abort signal, and one request event per call.
 * @module
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#making-http-requests
 */
import { LocustError } from "../../core/errors.ts";
import type { RequestEvent } from "../../core/events/request-hook.ts";
import {
  CatchResponseController,
  CookieJar,
  assertSessionSettings,
  COMMON_SESSION_KEYS,
  prepareRequest,
  DEFAULT_MAX_BODY_SIZE,
  appendQuery,
  chooseRequestName,
  isAbsoluteUrl,
  joinUrl,
  parseHostCredentials,
  renameRequest,
  type PreparedRequest,
  type RequestNameHolder,
  type HttpMethod,
  type RequestOptions,
  type RequestReporter,
  type SessionUser,
} from "../http-shared/index.ts";
import { exchange } from "./fetch-exchange.ts";
import { FetchGate, defaultFetchGate } from "./fetch-gate.ts";
import { HttpResponse } from "./response.ts";

/** Settings of an {@link HttpSession}; an unknown key or a missing `requestEvent` is refused at construction. */
export interface HttpSessionSettings {
  /** Prepended to relative URLs; `user:password@` in it becomes Basic auth for every request. */
  baseUrl?: string;
  /** Where requests are reported: `this.client.requestEvent` or `this.environment.events.request`. */
  requestEvent: RequestReporter;
  /** The user the session works for (its stop signal and request context); without it a stop does not abort. */
  user?: SessionUser;
  /** Limits quick fetches in flight (default: the process-wide gate of 64, Bun's fetch pool size). */
  gate?: FetchGate;
}

/** Called with a caught response; its `success()` / `failure()` decide what is reported once it settles. */
export type CatchResponseCallback = (response: HttpResponse) => unknown;

const SETTING_KEYS = [...COMMON_SESSION_KEYS, "gate"];

function assertHttpUrl(url: string): void {
  if (!isAbsoluteUrl(url)) throw new LocustError(`No connection adapters were found for '${url}'`, { code: "INVALID_URL" });
}

function assertBodyAllowed(prepared: PreparedRequest): void {
  const method = prepared.method;
  if (prepared.body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new LocustError(`fetch cannot send a body with ${method}; use FastHttpUser for that`, { code: "BODY_NOT_ALLOWED" });
  }
}

/**
 * A user's HTTP client: keeps cookies between requests and reports every request to the request event.
 * Relative URLs are joined to `baseUrl`; absolute `http(s)://` URLs are used as they are.
 * @example
 * ```ts
 * await this.client.post("/login", { json: { user: "demo" } });
 * await this.client.get("/item", { params: { id: 7 }, name: "/item?id=[id]" });
 * await this.client.get("/api", { catchResponse: true }, (response) => {
 *   if (!response.text.includes("ok")) response.failure("no ok in body");
 * });
 * // A second host for the same user (Locust's multiple_hosts example), counted in the same stats:
 * this.apiClient = new HttpSession({ baseUrl: "http://api.local", requestEvent: this.client.requestEvent, user: this });
 * ```
 */
export class HttpSession implements RequestNameHolder {
  /** Prepended to relative URLs (credentials removed). */
  baseUrl: string | undefined;
  /** Basic credentials for every request that sets no `auth` (they replace an Authorization header, as in requests). */
  auth: readonly [user: string, password: string] | undefined;
  /** Headers sent with every request (a request's own headers override them). */
  readonly headers = new Headers();
  readonly cookies = new CookieJar();
  /** Verify TLS certificates (python-requests' default); set false for self-signed test servers. */
  verify = true;
  maxRedirects = 30;
  /** Bytes a response body may have once fetch has decoded it (gzip, br …); past it the request fails. */
  maxBodySize = DEFAULT_MAX_BODY_SIZE;
  /** The name every request gets while set (see {@link HttpSession.renameRequest}); `name` still wins. */
  requestName: string | undefined;
  readonly #reporter: RequestReporter;
  readonly #user: SessionUser | undefined;
  readonly #gate: FetchGate;

  constructor(settings: HttpSessionSettings) {
    assertSessionSettings("HttpSession", settings, SETTING_KEYS);
    const { baseUrl, auth } = parseHostCredentials(settings.baseUrl);
    this.baseUrl = baseUrl;
    this.auth = auth;
    this.#reporter = settings.requestEvent;
    this.#user = settings.user;
    this.#gate = settings.gate ?? defaultFetchGate;
  }

  /** Where this session reports its requests (Locust's `client.request_event`), for extra sessions of the user. */
  get requestEvent(): RequestReporter {
    return this.#reporter;
  }

  /** GET `url`. */
  get(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("GET", url, options, callback);
  }

  /** POST `url`. */
  post(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("POST", url, options, callback);
  }

  /** PUT `url`. */
  put(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("PUT", url, options, callback);
  }

  /** PATCH `url`. */
  patch(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("PATCH", url, options, callback);
  }

  /** DELETE `url`. */
  delete(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("DELETE", url, options, callback);
  }

  /** HEAD `url`; redirects are not followed unless `allowRedirects` is true. */
  head(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("HEAD", url, { allowRedirects: false, ...options }, callback);
  }

  /** OPTIONS `url`. */
  options(url: string, options?: RequestOptions, callback?: CatchResponseCallback): Promise<HttpResponse> {
    return this.request("OPTIONS", url, options, callback);
  }

  /** Names every request made while `fn` runs (Locust's `rename_request`). */
  renameRequest<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    return renameRequest(this, name, fn);
  }

  /**
   * Sends one request and reports it. `method` is sent and reported as given. Without `catchResponse` the event
   * fires before the promise resolves; with a `callback` (which implies `catchResponse`) it fires when the
   * callback settles; with `catchResponse` alone, when the response is disposed (`await using`) or `report()`ed.
   * Connection errors and timeouts resolve to a status-0 response with `error`. When the user is force-stopped
   * the promise rejects with the abort reason and nothing is reported.
   * @throws LocustError for a relative URL without a host, an invalid URL, or a body on GET/HEAD.
   */
  async request(method: HttpMethod, url: string, options: RequestOptions = {}, callback?: CatchResponseCallback): Promise<HttpResponse> {
    const firstUrl = appendQuery(joinUrl(this.baseUrl, url), options.params);
    assertHttpUrl(firstUrl);
    const prepared = prepareRequest(method, firstUrl, options, { headers: this.headers, auth: this.auth });
    assertBodyAllowed(prepared);
    const name = chooseRequestName(options.name, this.requestName, firstUrl);
    const startTime = Date.now() / 1000;
    const response = await this.#exchange(prepared, options);
    const event: RequestEvent = {
      requestType: method,
      name,
      // Timed by the exchange from when the request left the fetch gate: another user's wait is not this one's.
      responseTime: response.elapsed,
      responseLength: options.stream ? Number(response.headers.get("content-length")) || 0 : (response.content?.length ?? 0),
      exception: null,
      context: this.#context(options.context),
      response,
      startTime,
      url: firstUrl,
    };
    if (!options.catchResponse && !callback) {
      event.exception = response.defaultFailure(name);
      this.#reporter.fire(event);
      return response;
    }
    const reporter = this.#reporter;
    const controller = new CatchResponseController({ event, defaultFailure: () => response.defaultFailure(name), report: (e) => reporter.fire(e) });
    response.attachCatch(controller);
    return callback ? controller.run(response, callback) : response;
  }

  #exchange(prepared: PreparedRequest, options: RequestOptions): Promise<HttpResponse> {
    const userSignal = this.#user?.signal;
    if (userSignal?.aborted) return Promise.reject(userSignal.reason);
    const timeout = options.timeout;
    return exchange(prepared, {
      jar: this.cookies,
      gate: this.#gate,
      cookies: options.cookies,
      followRedirects: options.allowRedirects ?? true,
      maxRedirects: this.maxRedirects,
      stream: options.stream ?? false,
      maxBodySize: this.maxBodySize,
      verify: options.verify ?? this.verify,
      signal: timeout === undefined ? userSignal : combineSignals(userSignal, AbortSignal.timeout(timeout * 1000)),
      userSignal,
      timeoutSeconds: timeout,
    });
  }

  #context(extra: Record<string, unknown> | undefined): Record<string, unknown> {
    const base = this.#user?.context() ?? {};
    return extra ? { ...base, ...extra } : base;
  }
}

function combineSignals(user: AbortSignal | undefined, timeout: AbortSignal): AbortSignal {
  return user ? AbortSignal.any([user, timeout]) : timeout;
}
