/**
 * The response HttpSession returns: status, headers, decoded text, JSON, redirect history, the transport error
 * (status 0); the catch-response verbs come from CaughtResponse, which FastResponse (FastHttpSession's) extends too.
 * @module
 */
import { CaughtResponse, decodeText, createStatusError, type SentRequest } from "../http-shared/index.ts";

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

/**
 * One HTTP response. Requested with `catchResponse`, it also decides its own verdict through `success()` and
 * `failure()`.
 * @example
 * ```ts
 * const response = await this.client.get("/api/items");
 * if (response.ok) console.log(response.json<{ items: string[] }>().items.length);
 * ```
 */
export class HttpResponse extends CaughtResponse {
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

  constructor(init: HttpResponseInit) {
    super();
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

  /** The body decoded with the Content-Type charset (UTF-8 when none); "" when there is no body. */
  get text(): string {
    this.#text ??= decodeText(this.headers.get("content-type"), this.content ?? EMPTY);
    return this.#text;
  }

  /**
   * The failure the default rule sees: the transport error, or an HTTPError for 400–599 whose message names
   * `name` instead of the URL (so failures group by stats name), or null. `raiseForStatus()` throws it naming the
   * URL (`404 Client Error: Not Found for url: …`).
   */
  defaultFailure(name: string): Error | null {
    return this.error ?? createStatusError(this.status, this.reason, name);
  }
}
