/**
 * One request between sending and reporting. On the common path the connection calls it straight from the socket
 * handler (no async step): it finishes the response, fires the request event and hands back what the caller's
 * promise resolves to. Redirects, retries and streams continue on the general async path.
 * @module
 */
import type { RequestEvent } from "../../core/events/request-hook.ts";
import {
  CatchResponseController,
  isRedirectStatus,
  type RequestOptions,
  type RequestReporter,
  type SessionUser,
} from "../http/index.ts";
import type { Connection, ResponseHandler } from "./connection.ts";
import { type ExchangeContext, type FirstAttempt, finishExchange, performExchange } from "./exchange.ts";
import type { FastResponse } from "./fast-response.ts";
import type { Hop } from "./outgoing-request.ts";
import type { ParsedResponse } from "./parsed-response.ts";

/** Called with a caught response; its `success()` / `failure()` decide what is reported once it settles. */
export type FastCatchResponseCallback = (response: FastResponse) => unknown;

/** What a pending request needs from its session. */
export interface SessionCore {
  readonly exchange: ExchangeContext;
  readonly reporter: RequestReporter;
  readonly user: SessionUser | undefined;
  /** The catch-response controller of each caught response (rest() needs it to settle errors). */
  readonly controllers: WeakMap<FastResponse, CatchResponseController>;
}

/** One request's state; allocated once per request instead of an async frame. */
export class PendingRequest implements ResponseHandler {
  /** The connection it was first sent on had served requests before (stale keep-alive retry). */
  reused = false;
  readonly #core: SessionCore;
  readonly #method: string;
  readonly #name: string;
  readonly #hop: Hop;
  readonly #options: RequestOptions | undefined;
  readonly #callback: FastCatchResponseCallback | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #started: number;

  constructor(core: SessionCore, method: string, name: string, hop: Hop, options: RequestOptions | undefined, callback: FastCatchResponseCallback | undefined, signal: AbortSignal | undefined, started: number) {
    this.#core = core;
    this.#method = method;
    this.#name = name;
    this.#hop = hop;
    this.#options = options;
    this.#callback = callback;
    this.#signal = signal;
    this.#started = started;
  }

  /** Called on the per-request path from the socket handler. */
  onResponse(parsed: ParsedResponse): unknown {
    if (isRedirectStatus(parsed.status) && this.#options?.allowRedirects !== false) {
      return this.run({ parsed, failure: null, reused: this.reused, receivedAny: true });
    }
    return this.#finish(finishExchange(this.#core.exchange, this.#hop, parsed, this.#started));
  }

  onFailure(error: Error, connection: Connection): unknown {
    return this.run({ parsed: null, failure: error, reused: this.reused, receivedAny: connection.receivedAny });
  }

  /** The general path (retries, redirects, streams); `attempt` continues a first try. Rejects only on abort. */
  async run(attempt?: FirstAttempt): Promise<FastResponse> {
    const response = await performExchange(this.#core.exchange, this.#hop, this.#options, this.#started, this.#signal, attempt);
    return this.#finish(response);
  }

  /** Reports `response` (now, or through the catch-response rules) and returns what the caller gets. */
  #finish(response: FastResponse): FastResponse | Promise<FastResponse> {
    const options = this.#options;
    const event = this.#createEvent(response, options);
    if (this.#callback === undefined && options?.catchResponse !== true) {
      event.exception = response.defaultFailure();
      this.#core.reporter.fire(event);
      return response;
    }
    const reporter = this.#core.reporter;
    const controller = new CatchResponseController({ event, defaultFailure: () => response.defaultFailure(), report: (e) => reporter.fire(e) });
    response.attachCatch(controller);
    this.#core.controllers.set(response, controller);
    const callback = this.#callback;
    if (callback === undefined) return response;
    // The caller's callback runs after the socket handler returns, never inside it.
    return Promise.resolve(response).then((r) => controller.run(r, callback));
  }

  #createEvent(response: FastResponse, options: RequestOptions | undefined): RequestEvent {
    const stream = options?.stream === true && response.error === undefined;
    const base = this.#core.user?.context() ?? {};
    const extra = options?.context;
    return {
      requestType: this.#method,
      name: this.#name,
      responseTime: response.elapsed,
      responseLength: stream ? Number(response.headers.get("content-length")) || 0 : response.contentLength,
      exception: null,
      context: extra ? { ...base, ...extra } : base,
      response,
      startTime: (performance.timeOrigin + this.#started) / 1000,
      url: this.#hop.href,
    };
  }
}
