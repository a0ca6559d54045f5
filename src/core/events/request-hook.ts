import { ForcedStop } from "../errors.ts";
import { createLogger } from "../log.ts";
import { EventHook } from "./event-hook.ts";
import { untilAborted } from "./until-aborted.ts";
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

/** The mutable record a `measure` block may fill in before the event fires (length, `exception`, extra keys). */
export type RequestMeta = RequestEvent;

/** Options of {@link RequestHook.measure}. */
export interface MeasureOptions {
  /** The length to report unless the block sets `meta.responseLength`. */
  responseLength?: number;
  /** The event's `context`; a function is called when the event fires (a connection id may only exist by then). */
  context?: Record<string, unknown> | (() => Record<string, unknown>);
  /**
   * The user's `signal`. Already aborted: nothing runs and the reason is thrown. Aborted while the block runs: the
   * wait ends at once, nothing is reported and the abort reason is thrown, so the user loop stops instead of
   * counting a failure (the block's late outcome is ignored).
   */
  signal?: AbortSignal;
}

/** What {@link RequestHook.observe} reports: any event field; the defaults are a success of 0 ms and 0 bytes, now. */
export type ObservedFact = Partial<Omit<RequestEvent, "requestType" | "name">>;

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
   * resolves to `undefined`; `fn` may also set `meta.exception` itself and still return a value. A forced stop of
   * the user ({@link ForcedStop}, or an abort of `options.signal`) is re-thrown unreported.
   */
  async measure<T>(
    requestType: string,
    name: string,
    fn: (meta: RequestMeta) => Promise<T> | T,
    options: MeasureOptions = {},
  ): Promise<T | undefined> {
    const { signal, context } = options;
    signal?.throwIfAborted();
    const meta = this.#startMeta(requestType, name, options.responseLength, context);
    const started = performance.now();
    let result: T | undefined;
    try {
      const work = fn(meta);
      result = signal && work instanceof Promise ? await untilAborted(work, signal) : await work;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (err instanceof ForcedStop) throw err;
      meta.exception = err;
    }
    meta.responseTime = performance.now() - started;
    if (typeof context === "function") meta.context = context();
    this.fire(meta);
    return result;
  }

  /**
   * {@link RequestHook.measure} for a synchronous hand-off (a WebSocket send): same event, same rules, returned at
   * once. There is nothing to wait for, so no signal: a user that is stopping reports its last hand-off.
   */
  measureSync<T>(
    requestType: string,
    name: string,
    fn: (meta: RequestMeta) => T,
    options: Omit<MeasureOptions, "signal"> = {},
  ): T | undefined {
    const meta = this.#startMeta(requestType, name, options.responseLength, options.context);
    const started = performance.now();
    let result: T | undefined;
    try {
      result = fn(meta);
    } catch (err) {
      if (err instanceof ForcedStop) throw err;
      meta.exception = err;
    }
    meta.responseTime = performance.now() - started;
    if (typeof options.context === "function") meta.context = options.context();
    this.fire(meta);
    return result;
  }

  /**
   * Reports a fact nobody requested and nobody timed here: a message the server pushed (MQTT delivery latency,
   * a WebSocket message received), a quality figure (Milvus recall), a phase of a request (time to first token).
   * Fields left out default to a success of 0 ms and 0 bytes that started now, with an empty context.
   * @example
   * ```ts
   * events.request.observe("WSR", "price", { responseLength: message.length, context: this.context() });
   * ```
   */
  observe(requestType: string, name: string, fact: ObservedFact = {}): void {
    const startTime = Date.now() / 1000;
    this.fire({ responseTime: 0, responseLength: 0, exception: null, context: {}, startTime, ...fact, requestType, name });
  }

  #startMeta(requestType: string, name: string, responseLength = 0, context: MeasureOptions["context"]): RequestMeta {
    return {
      requestType,
      name,
      responseTime: null,
      responseLength,
      exception: null,
      context: typeof context === "object" ? context : {},
      startTime: Date.now() / 1000,
    };
  }
}
