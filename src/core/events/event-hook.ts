import { isControlFlow, LocustError } from "../errors.ts";
import { createLogger, markUnhandledError } from "../log.ts";

const log = createLogger("locust.event");

/** A listener receives the event's arguments as one object. */
export type Listener<A> = (args: A) => unknown;

/**
 * One named event. Listeners run in registration order (or reversed); a listener that throws is logged and the
 * others still run, except for the user-loop control-flow exceptions (StopUser, RescheduleTask, …), which propagate
 * to whoever fired the event.
 * @see https://docs.locust.io/en/stable/extending-locust.html
 */
export class EventHook<A = Record<string, never>> {
  #listeners: Listener<A>[] = [];
  /**
   * Runs before the listeners on every fire, with the same arguments (RequestHook repairs malformed events there);
   * returning `false` drops the event unseen. Null for most hooks. A field rather than an override of `fire`: the
   * super call measured ~3 ns more per request.
   */
  protected readonly prepare: ((args: A) => boolean) | null = null;

  /** Adds a listener and returns it, so it also works as a decorator-like helper. */
  addListener<F extends Listener<A>>(listener: F): F {
    this.#listeners = [...this.#listeners, listener];
    return listener;
  }

  /** Removes a listener added before; unknown listeners are ignored. */
  removeListener(listener: Listener<A>): void {
    this.#listeners = this.#listeners.filter((l) => l !== listener);
  }

  /** Number of listeners (for tests and diagnostics). */
  get listenerCount(): number {
    return this.#listeners.length;
  }

  /**
   * Calls every listener with `args`. Synchronous; a listener returning a promise is not awaited, but its rejection
   * is logged like a throw. Called on the per-request path for `request`: must not allocate.
   */
  fire(args: A, reverse = false): void {
    if (this.prepare !== null && !this.prepare(args)) return;
    const listeners = this.#listeners;
    if (reverse) {
      for (let i = listeners.length - 1; i >= 0; i--) this.#call(listeners[i]!, args);
    } else {
      for (let i = 0; i < listeners.length; i++) this.#call(listeners[i]!, args);
    }
  }

  /** Calls every listener and awaits the promises they return, one after another. */
  async fireAsync(args: A, reverse = false): Promise<void> {
    if (this.prepare !== null && !this.prepare(args)) return;
    const listeners = reverse ? [...this.#listeners].reverse() : this.#listeners;
    for (const listener of listeners) {
      try {
        await listener(args);
      } catch (err) {
        if (isControlFlow(err) || this.isFatal(err)) throw err;
        reportListenerError(err);
      }
    }
  }

  /** Whether a listener's error stops the firing and propagates to the caller (besides control flow). */
  protected isFatal(_err: unknown): boolean {
    return false;
  }

  #call(listener: Listener<A>, args: A): void {
    try {
      const result = listener(args);
      if (result instanceof Promise) result.catch(reportListenerError);
    } catch (err) {
      if (isControlFlow(err) || this.isFatal(err)) throw err;
      reportListenerError(err);
    }
  }
}

/**
 * A hook fired at start-up whose listeners configure the run: a {@link LocustError} they throw (a bad
 * `parser.addArgument(...)`) propagates, so the CLI stops with its one line instead of logging a stack trace.
 */
export class SetupHook<A> extends EventHook<A> {
  protected override isFatal(err: unknown): boolean {
    return err instanceof LocustError;
  }
}

function reportListenerError(err: unknown): void {
  markUnhandledError();
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log.error(`Uncaught exception in event handler: ${detail}`);
}
