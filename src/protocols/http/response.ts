/**
 * The response HttpSession returns: status, headers, decoded text, JSON, redirect history, the transport error
 * (status 0), and the catch-response verbs. (FastHttpSession returns FastResponse, with the same surface.)
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import { CatchResponseController, DISPOSE_NOT_CAUGHT_MESSAGE, NOT_CAUGHT_MESSAGE } from "./catch-response.ts";
import { createStatusError } from "./http-error.ts";

/** What was sent: method, first URL (before redirects) and headers. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

/** Everything a response is built from. Status 0, `content` null and an `error` mean the transport failed. */
export interface HttpResponseInit {
  status: number;
  reason?: string;
  headers?: Headers;
  /** The whole body; null on transport errors and for `stream` requests. */
  content: Uint8Array | null;
  /** The final URL, after redirects. */
  url: string;
  /** Milliseconds from sending the first request until the body was read. */
  elapsed: number;
  request: SentRequest;
  history?: HttpResponse[];
  error?: Error;
  /** The unread body of a `stream` request. */
  body?: ReadableStream<Uint8Array> | null;
}

const EMPTY = new Uint8Array(0);
const decoders = new Map<string, TextDecoder>();

function decoderFor(contentType: string | null): TextDecoder {
  const label = /charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? "utf-8";
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      // An unknown charset label: UTF-8 is the most useful guess (requests would guess too).
      decoder = decoders.get("utf-8") ?? new TextDecoder();
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/**
 * One HTTP response. Requested with `catchResponse`, it also decides its own verdict through `success()` and
 * `failure()`.
 * @example
 * ```ts
 * const response = await this.client.get("/api/items");
 * if (response.ok) console.log(response.json<{ items: string[] }>().items.length);
 * ```
 */
export class HttpResponse {
  /** Status code; 0 when the request never got a response (see `error`). */
  readonly status: number;
  /** The status line's reason phrase ("Not Found"). */
  readonly reason: string;
  readonly headers: Headers;
  /** The body bytes; null after a transport error or for a `stream` request. */
  readonly content: Uint8Array | null;
  /** The final URL (after redirects). */
  readonly url: string;
  /** Milliseconds from sending until the body was read. */
  readonly elapsed: number;
  /** The redirect responses that led here, oldest first. */
  readonly history: HttpResponse[];
  /** The transport error (connection refused, timeout, TLS, …) when `status` is 0. */
  readonly error: Error | undefined;
  /** The first request sent. */
  readonly request: SentRequest;
  /** The unread body of a `stream` request; null otherwise. */
  readonly body: ReadableStream<Uint8Array> | null;
  #text: string | undefined;
  #catch: CatchResponseController | undefined;

  constructor(init: HttpResponseInit) {
    this.status = init.status;
    this.reason = init.reason ?? "";
    this.headers = init.headers ?? new Headers();
    this.content = init.content;
    this.url = init.url;
    this.elapsed = init.elapsed;
    this.history = init.history ?? [];
    this.error = init.error;
    this.request = init.request;
    this.body = init.body ?? null;
  }

  /** Locust's name for {@link HttpResponse.status}. */
  get statusCode(): number {
    return this.status;
  }

  /** True for statuses 1–399. */
  get ok(): boolean {
    return this.status > 0 && this.status < 400;
  }

  /** The body decoded with the Content-Type charset (UTF-8 when none); "" when there is no body. */
  get text(): string {
    this.#text ??= decoderFor(this.headers.get("content-type")).decode(this.content ?? EMPTY);
    return this.#text;
  }

  /** The body parsed as JSON. */
  json<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }

  /**
   * The failure the default rule sees: the transport error, or an HTTPError for 400–599 whose message names
   * `name` instead of the URL (so failures group by stats name), or null. Subclasses change the status rule.
   */
  defaultFailure(name: string): Error | null {
    return this.error ?? createStatusError(this.status, this.reason, name);
  }

  /**
   * Throws what makes this response a failure: the manual failure of a caught response, the transport error, or an
   * HTTPError for 400–599 (`404 Client Error: Not Found for url: …`). A caught response marked successful never throws.
   */
  raiseForStatus(): void {
    const manual = this.#catch?.manualResult;
    if (manual) {
      if (manual.kind === "failure") throw manual.error;
      return;
    }
    const failure = this.defaultFailure(this.url);
    if (failure) throw failure;
  }

  /** Marks a caught response successful, whatever its status. Throws unless requested with `catchResponse`. */
  success(): void {
    this.#controller().success();
  }

  /** Marks a caught response failed; a string becomes a CatchResponseError. Throws unless requested with `catchResponse`. */
  failure(error: unknown): void {
    this.#controller().failure(error);
  }

  /** Reports a caught response now (idempotent); `await using` does this on dispose. */
  report(): void {
    this.#controller().report();
  }

  /** Lets `await using response = await client.get(url, { catchResponse: true })` report at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.#catch) throw new LocustError(DISPOSE_NOT_CAUGHT_MESSAGE, { code: "CATCH_RESPONSE_REQUIRED" });
    this.#catch.report();
  }

  /** Binds this response to its catch-response controller (done once by the session). */
  attachCatch(controller: CatchResponseController): this {
    this.#catch = controller;
    return this;
  }

  #controller(): CatchResponseController {
    if (!this.#catch) throw new LocustError(NOT_CAUGHT_MESSAGE, { code: "CATCH_RESPONSE_REQUIRED" });
    return this.#catch;
  }
}
