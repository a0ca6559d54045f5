/**
 * One request between sending and reporting — and, once finished, its own request event. On the common path the
 * connection calls it straight from the socket handler (no async step): it finishes the response, fires itself as
 * the event and hands back what the caller's promise resolves to. Redirects, retries and streams continue on the
 * general async path.
 * @module
 */
import type { RequestEvent } from "../../core/events/request-hook.ts";
import {
  CatchResponseController,
  isRedirectStatus,
  type RequestOptions,
  type RequestReporter,
  type SessionUser,
} from "../http-shared/index.ts";
import type { Connection, ResponseHandler } from "./connection.ts";
import { type ExchangeContext, type FirstAttempt, finishExchange, performExchange } from "./exchange.ts";
import type { FastResponse } from "./fast-response.ts";
import type { OutgoingHop } from "./outgoing-request.ts";
import type { ParsedResponse } from "./parsed-response.ts";

/** `performance.timeOrigin` never changes within a process; reading the property costs more than the constant. */
const TIME_ORIGIN = performance.timeOrigin;

/** Called with a caught response; its `success()` / `failure()` decide what is reported once it settles. */
export type FastCatchResponseCallback = (response: FastResponse) => unknown;

/** What a pending request needs from its session. */
export interface SessionCore {
  readonly exchange: ExchangeContext;
  readonly reporter: RequestReporter;
  readonly user: SessionUser | undefined;
}

/** The catch-response controller of each caught response (rest() needs it to settle errors). */
export const catchControllers = new WeakMap<FastResponse, CatchResponseController>();

/**
 * One request's state, allocated once per request instead of an async frame and an event object: its public
 * fields are the request event (one shape for every request), its private ones what the session needs.
 */
export class PendingRequest implements ResponseHandler, RequestEvent {
  [extra: string]: unknown;
  readonly requestType: string;
  readonly name: string;
  responseTime: number | null = null;
  responseLength = 0;
  exception: unknown = null;
  context: Record<string, unknown> | undefined = undefined;
  response: FastResponse | undefined = undefined;
  readonly startTime: number;
  readonly url: string;
  readonly #core: SessionCore;
  readonly #hop: OutgoingHop;
  readonly #options: RequestOptions | undefined;
  readonly #callback: FastCatchResponseCallback | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #started: number;
  #reused = false;

  constructor(core: SessionCore, method: string, name: string, hop: OutgoingHop, options: RequestOptions | undefined, callback: FastCatchResponseCallback | undefined, signal: AbortSignal | undefined, started: number) {
    this.requestType = method;
    this.name = name;
    this.startTime = (TIME_ORIGIN + started) / 1000;
    this.url = hop.href;
    this.#core = core;
    this.#hop = hop;
    this.#options = options;
    this.#callback = callback;
    this.#signal = signal;
    this.#started = started;
  }

  /** Records that the first attempt goes out on `connection` (a reused one may be retried if the server dropped it). */
  sentOn(connection: Connection): void {
    this.#reused = connection.served > 0;
  }

  /** Called on the per-request path from the socket handler. */
  onResponse(parsed: ParsedResponse): unknown {
    const status = parsed.status;
    if (status >= 301 && status <= 308 && isRedirectStatus(status) && this.#options?.allowRedirects !== false) {
      return this.run({ parsed, failure: null, reused: this.#reused, receivedAny: true });
    }
    const response = finishExchange(this.#core.exchange, this.#hop, parsed, this.#started);
    return response instanceof Promise ? response.then((r) => this.#finish(r)) : this.#finish(response);
  }

  onFailure(error: Error, connection: Connection): unknown {
    return this.run({ parsed: null, failure: error, reused: this.#reused, receivedAny: connection.receivedAny });
  }

  /** The general path (retries, redirects, streams); `attempt` continues a first try. Rejects only on abort. */
  async run(attempt?: FirstAttempt): Promise<FastResponse> {
    const response = await performExchange(this.#core.exchange, this.#hop, this.#options, this.#started, this.#signal, attempt);
    return this.#finish(response);
  }

  /** Reports `response` (now, or through the catch-response rules) and returns what the caller gets. */
  #finish(response: FastResponse): FastResponse | Promise<FastResponse> {
    const options = this.#options;
    this.#fillEvent(response, options);
    const reporter = this.#core.reporter;
    if (this.#callback === undefined && options?.catchResponse !== true) {
      this.exception = response.defaultFailure();
      reporter.fire(this);
      return response;
    }
    const controller = new CatchResponseController({ event: this, defaultFailure: () => response.defaultFailure(), report: (e) => reporter.fire(e) });
    response.attachCatch(controller);
    catchControllers.set(response, controller);
    const callback = this.#callback;
    if (callback === undefined) return response;
    // The caller's callback runs after the socket handler returns, never inside it.
    return Promise.resolve(response).then((r) => controller.run(r, callback));
  }

  #fillEvent(response: FastResponse, options: RequestOptions | undefined): void {
    const stream = options?.stream === true && response.error === undefined;
    const base = this.#core.user?.context() ?? {};
    const extra = options?.context;
    this.responseTime = response.elapsed;
    this.responseLength = stream ? Number(response.headers.get("content-length")) || 0 : response.contentLength;
    this.context = extra ? { ...base, ...extra } : base;
    this.response = response;
  }
}
