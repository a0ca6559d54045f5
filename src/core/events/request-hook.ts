import { ForcedStop } from "../errors.ts";
import { createLogger } from "../log.ts";
import { EventHook } from "./event-hook.ts";
import { coerceRequestEvent, createWarnOnce, isWellFormedRequestEvent } from "./request-event-check.ts";

const log = createLogger("locust.event");

/**
 * What every protocol reports for one operation. `exception` null/undefined means success; `responseTime` null
 * counts the request without a timing (Locust's "none request").
 */
export interface RequestEvent {
  requestType: string;
  name: string;
  /** Milliseconds (float) or null. */
  responseTime: number | null;
  responseLength: number;
  exception?: unknown;
  context?: Record<string, unknown>;
  response?: unknown;
  /** Epoch seconds (float) when the operation started. */
  startTime?: number;
  url?: string;
  [extra: string]: unknown;
}

/** The mutable record a `measure` block may fill in before the event fires. */
export type RequestMeta = RequestEvent;

/** Options of {@link RequestHook.measure}. */
export interface MeasureOptions {
  responseLength?: number;
  context?: Record<string, unknown>;
  /**
   * The user's `signal`: when the block fails because it was aborted (a force-stopped user), nothing is reported
   * and the abort reason is re-thrown, so the user loop stops instead of counting a failure.
   */
  signal?: AbortSignal;
}

/**
 * The `request` event, plus `measure`, which times an async block and reports it.
 * @example
 * ```ts
 * const rows = await this.environment.events.request.measure("redis", "GET user", async (meta) => {
 *   const value = await redis.get("user");
 *   meta.responseLength = value?.length ?? 0;
 *   return value;
 * });
 * ```
 */
export class RequestHook extends EventHook<RequestEvent> {
  readonly #warnOnce = createWarnOnce(log);

  /**
   * The one check at the boundary, before any listener, so no output meets a value it cannot show: a non-string
   * `requestType` or `name` becomes its string form; a response time that is NaN, ±Infinity, negative or not a
   * number makes the request untimed; such a length becomes 0. Each kind of flaw is warned about once per hook.
   * An event whose `exception` is the user's own forced stop ({@link ForcedStop}) is dropped: the stop is not a
   * failure of the system under test, even when user code catches it and reports it.
   * Called on the per-request path: comparisons only for a well-formed event.
   */
  protected override readonly prepare = (event: RequestEvent): boolean => {
    if (!isWellFormedRequestEvent(event)) coerceRequestEvent(event, this.#warnOnce);
    return !(event.exception instanceof ForcedStop);
  };

  /**
   * Times `fn` (milliseconds, `performance.now`) and fires one request event with every key of the meta object.
   * An error thrown by `fn` becomes the event's `exception` and is swallowed, as in Locust: the promise then
   * resolves to `undefined`. A forced stop of the user ({@link ForcedStop}, or any failure caused by
   * `options.signal` aborting) is re-thrown unreported.
   */
  async measure<T>(
    requestType: string,
    name: string,
    fn: (meta: RequestMeta) => Promise<T> | T,
    options: MeasureOptions = {},
  ): Promise<T | undefined> {
    const meta: RequestMeta = {
      requestType,
      name,
      responseTime: null,
      responseLength: options.responseLength ?? 0,
      exception: null,
      context: options.context ?? {},
      startTime: Date.now() / 1000,
    };
    const started = performance.now();
    let result: T | undefined;
    try {
      result = await fn(meta);
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (err instanceof ForcedStop) throw err;
      meta.exception = err;
    }
    meta.responseTime = performance.now() - started;
    this.fire(meta);
    return result;
  }
}
