/**
 * The response FastHttpSession returns: the same surface as `HttpResponse` (status, headers, text, json(),
 * raiseForStatus, the catch-response verbs; the last two from the shared CaughtResponse), with headers, reason and
 * the sent request built only when read.
 * @module
 */
import { PYTHON_REPR } from "../../core/errors.ts";
import { formatPythonStringRepr } from "../../core/python/index.ts";
import { CaughtResponse, decodeText, type SentRequest } from "../http-shared/index.ts";
import type { ParsedResponse } from "./parsed-response.ts";

/** Statuses FastHttpSession counts as success (geventhttpclient's valid codes, as Locust configures them). */
const SUCCESS_STATUSES = new Set([200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 301, 302, 303, 304, 307, 308]);

/** True for the statuses Locust's FastHttpSession accepts: 200–208, 226, 301–304, 307, 308. */
export function isSuccessStatus(status: number): boolean {
  return SUCCESS_STATUSES.has(status);
}

/**
 * A status outside {@link isSuccessStatus}: `URL http://host/path: code=500`, as geventhttpclient words it. Not a
 * ResponseError (as in geventhttpclient), so `raiseForStatus()` in a catch-response callback propagates.
 */
export class BadStatusCode extends Error {
  override name = "BadStatusCode";
  readonly status: number;
  readonly url: string;
  constructor(url: string, status: number) {
    super(`URL ${url}: code=${status}`);
    this.url = url;
    this.status = status;
  }

  /** geventhttpclient's repr, as Locust's failures table shows it: `BadStatusCode('http://h/p', code=404)`. */
  [PYTHON_REPR](): string {
    return `BadStatusCode(${formatPythonStringRepr(this.url)}, code=${this.status})`;
  }
}

/** Builds the sent request's description when someone reads `response.request`. */
export interface SentRequestSource {
  readonly method: string;
  /** Header lines as sent (`Name: value\r\n`…), Host excluded. */
  readonly headerLines: string;
}

function parseHeaderLines(lines: string): Headers {
  const headers = new Headers();
  for (const line of lines.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * One response of a FastHttpSession. A transport failure is a response too: status 0, `content` null, `error`
 * set. Requested with `catchResponse`, it decides its own verdict through `success()` / `failure()`.
 * @example
 * ```ts
 * const response = await this.client.get("/api/items");
 * if (response.status === 200) console.log(response.json<{ items: string[] }>().items.length);
 * ```
 */
export class FastResponse extends CaughtResponse {
  /** Status code; 0 when the request never got a response (see `error`). */
  readonly status: number;
  /** The URL requested last (after redirects). */
  readonly url: string;
  /** Milliseconds from sending until the body was read (the head, for `stream`). */
  readonly elapsed: number;
  /** The transport error (refused, reset, timeout, TLS, malformed, zlib) when `status` is 0. */
  readonly error: Error | undefined;
  /** The unread body of a `stream` request; null otherwise. */
  body: ReadableStream<Uint8Array> | null = null;
  /** The parsed JSON body of a `rest()` response (null when the body is empty or not JSON). */
  js: unknown = undefined;
  readonly #parsed: ParsedResponse | null;
  readonly #decoded: Uint8Array | null;
  readonly #sent: SentRequestSource;
  #text: string | undefined;
  #history: FastResponse[] | undefined;

  /**
   * @param decoded the body after Content-Encoding was undone, or null to use the parsed body as it is.
   */
  constructor(parsed: ParsedResponse | null, decoded: Uint8Array | null, url: string, elapsed: number, sent: SentRequestSource, error?: Error) {
    super();
    this.status = parsed === null ? 0 : parsed.status;
    this.#decoded = decoded;
    this.url = url;
    this.elapsed = elapsed;
    this.error = error;
    this.#parsed = parsed;
    this.#sent = sent;
  }

  /** The redirect responses that led here, oldest first. */
  get history(): FastResponse[] {
    return (this.#history ??= []);
  }

  set history(responses: FastResponse[]) {
    this.#history = responses;
  }

  /** The decoded body; null after a transport error or for a `stream` request. */
  get content(): Uint8Array | null {
    const parsed = this.#parsed;
    if (parsed === null || this.body !== null) return null;
    return this.#decoded ?? parsed.body;
  }

  /** Bytes in {@link FastResponse.content} (0 when null), without creating it. */
  get contentLength(): number {
    const parsed = this.#parsed;
    if (parsed === null || this.body !== null) return 0;
    return this.#decoded === null ? parsed.bodyLength : this.#decoded.length;
  }

  /** The status line's reason phrase ("Not Found"); "" without a response. */
  get reason(): string {
    return this.#parsed?.reason ?? "";
  }

  /** Response headers (and chunked trailers), built on first access. */
  get headers(): Headers {
    return this.#parsed?.headers ?? new Headers();
  }

  /** The request as sent: method, URL and headers (Host excluded). */
  get request(): SentRequest {
    return { method: this.#sent.method, url: this.url, headers: parseHeaderLines(this.#sent.headerLines) };
  }

  /** The body decoded with the Content-Type charset (UTF-8 when none); "" when there is no body. */
  get text(): string {
    this.#text ??= this.contentLength === 0 ? "" : decodeText(this.headers.get("content-type"), this.content!);
    return this.#text;
  }

  /** The failure the default rule sees: the transport error, or {@link BadStatusCode} for a status outside the allowed set. */
  defaultFailure(_name?: string): Error | null {
    if (this.error) return this.error;
    return SUCCESS_STATUSES.has(this.status) ? null : new BadStatusCode(this.url, this.status);
  }
}
