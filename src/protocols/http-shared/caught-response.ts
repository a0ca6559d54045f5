/**
 * What HttpResponse and FastResponse share: the status getters and the catch-response verbs, bound to a
 * {@link CatchResponseController} once the session catches the response.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import { type CatchResponseController, DISPOSE_NOT_CAUGHT_MESSAGE, NOT_CAUGHT_MESSAGE } from "./catch-response.ts";

/** What was sent: method, first URL (before redirects) and headers. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

/**
 * Base of both HTTP responses. It holds only the controller slot, so constructing a response allocates nothing
 * here (FastResponse is built on the per-request path); each subclass supplies its fields and its default failure.
 * @example
 * ```ts
 * await using response = await this.client.get("/api/items", { catchResponse: true });
 * if (!response.text.includes("items")) response.failure("no items in the body");
 * ```
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#validating-responses
 */
export abstract class CaughtResponse {
  /** Status code; 0 when the request never got a response (see `error`). */
  abstract readonly status: number;
  /** The final URL (after redirects). */
  abstract readonly url: string;
  /** The body decoded with the Content-Type charset (UTF-8 when none); "" when there is no body. */
  abstract readonly text: string;
  #catch: CatchResponseController | undefined;

  /** The failure the default rule sees (transport error or a failing status), or null; `name` is the stats name. */
  abstract defaultFailure(name: string): Error | null;

  /** Locust's name for `status`. */
  get statusCode(): number {
    return this.status;
  }

  /** True for statuses 1–399. */
  get ok(): boolean {
    return this.status > 0 && this.status < 400;
  }

  /** The body parsed as JSON. */
  json<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }

  /**
   * Throws what makes this response a failure: the manual failure of a caught response first, else the default
   * failure for this URL. A caught response marked successful never throws.
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
