/**
 * Locust's catch-response rules, protocol-neutral: the session hands over the finished request's event and its
 * default verdict; the controller decides what is reported, once.
 * @module
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#validating-responses
 */
import { CatchResponseError, LocustError, ResponseError, isControlFlow } from "../../core/errors.ts";
import type { RequestEvent } from "../../core/events/request-hook.ts";

/** Locust's message for `success()` / `failure()` on a response requested without `catchResponse`. */
export const NOT_CAUGHT_MESSAGE =
  "If you want to change the state of the request, you must pass catch_response=True. See http://docs.locust.io/en/stable/writing-a-locustfile.html#validating-responses";

/** Locust's message for disposing (`await using`) a response requested without `catchResponse`. */
export const DISPOSE_NOT_CAUGHT_MESSAGE =
  "In order to use a with-block for requests, you must also pass catch_response=True";

const ALREADY_REPORTED_MESSAGE =
  "Tried to set status on a request that has already been reported. Call success() / failure() inside the catchResponse callback or before the response is disposed.";

/** The verdict set by hand: `success()` or `failure(error)`. */
export type ManualResult = { readonly kind: "success" } | { readonly kind: "failure"; readonly error: Error };

/** What {@link CatchResponseController} needs from a protocol. */
export interface CatchResponseSource {
  /** The event to fire; `exception` is overwritten with the verdict. */
  readonly event: RequestEvent;
  /** The protocol's own verdict when nothing is set by hand (e.g. 4xx/5xx or a transport error), or null. */
  defaultFailure(): unknown;
  /** Fires the event (usually `environment.events.request.fire`). */
  report(event: RequestEvent): void;
}

/** Wraps what `failure(...)` was given: errors as they are, anything else in a CatchResponseError. */
export function toFailure(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === "string") return new CatchResponseError(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Circular values still need a message.
    text = String(value);
  }
  return new CatchResponseError(text);
}

/**
 * One caught request: collects `success()` / `failure()` (the last call wins) and reports exactly once.
 *
 * Rules when the caller's block ends (see {@link CatchResponseController.settle}):
 * - a manual result is reported as set; an error the block threw still propagates;
 * - otherwise a thrown {@link ResponseError} is reported as the failure and suppressed;
 * - otherwise a thrown control-flow exception (StopUser, InterruptTaskSet, RescheduleTask, …) reports nothing
 *   and propagates, as in Locust;
 * - otherwise any other thrown error is reported as the failure and propagates (Locust reports nothing here; this
 *   port never loses a failed request silently);
 * - a block that returns normally gets the protocol's default verdict.
 */
export class CatchResponseController {
  readonly #source: CatchResponseSource;
  #manual: ManualResult | undefined;
  #reported = false;

  constructor(source: CatchResponseSource) {
    this.#source = source;
  }

  /** The verdict set by hand so far, if any. */
  get manualResult(): ManualResult | undefined {
    return this.#manual;
  }

  /** True once the event has fired. */
  get reported(): boolean {
    return this.#reported;
  }

  /** Marks the request successful, whatever its status. */
  success(): void {
    this.#assertOpen();
    this.#manual = { kind: "success" };
  }

  /** Marks the request failed; a non-error value is wrapped in a CatchResponseError. */
  failure(error: unknown): void {
    this.#assertOpen();
    this.#manual = { kind: "failure", error: toFailure(error) };
  }

  /** Fires the event with the manual verdict, or the default one. Later calls do nothing. */
  report(): void {
    if (this.#reported) return;
    const manual = this.#manual;
    this.#finish(manual ? (manual.kind === "failure" ? manual.error : null) : this.#source.defaultFailure());
  }

  /**
   * Applies the rules to a block that threw `error`. Returns true when the error is to be suppressed (a
   * ResponseError without a manual result); the caller re-throws otherwise.
   */
  settle(error: unknown): boolean {
    if (this.#reported) return false;
    if (this.#manual) {
      this.report();
      return false;
    }
    if (isControlFlow(error)) {
      this.#reported = true;
      return false;
    }
    this.#finish(error);
    return error instanceof ResponseError;
  }

  /** Runs `callback(response)`, then reports per the rules; resolves to `response`. */
  async run<R>(response: R, callback: (response: R) => unknown): Promise<R> {
    try {
      await callback(response);
    } catch (err) {
      if (!this.settle(err)) throw err;
      return response;
    }
    this.report();
    return response;
  }

  #finish(exception: unknown): void {
    this.#reported = true;
    const event = this.#source.event;
    event.exception = exception ?? null;
    this.#source.report(event);
  }

  #assertOpen(): void {
    if (this.#reported) throw new LocustError(ALREADY_REPORTED_MESSAGE, { code: "CATCH_RESPONSE_REPORTED" });
  }
}
