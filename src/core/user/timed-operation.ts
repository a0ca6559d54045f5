/**
 * What protocol clients share: the owner they report for, and one way to time an operation through
 * `events.request` that honours a force-stop.
 * @module
 */
import type { Events } from "../events/events.ts";
import { untilAborted } from "./until-aborted.ts";

/** What a protocol client needs from its user (a `User` fits): events to report to, the abort signal, the context. */
export interface ClientOwner {
  readonly environment: { readonly events: Events };
  /** Read at every operation: when it aborts, the operation stops waiting, reports nothing and rejects. */
  readonly signal: AbortSignal;
  context(): Record<string, unknown>;
}

/** What an operation may fill in while it runs. */
export interface OperationMeta {
  /** The response length to report (bytes, rows, documents… whatever the protocol counts). */
  length: number;
}

/**
 * Times `work` and reports it as one request event: a thrown error is the request's failure (and the result is
 * false); an abort of the owner's signal reports nothing and rejects with the abort reason, so the user loop stops.
 * `context` is read when the event fires (a connection id may only exist by then).
 * @example
 * ```ts
 * const ok = await timeOperation(this.user, "REDIS", "GET", async (meta) => {
 *   const value = await redis.get(key);
 *   meta.length = value?.length ?? 0;
 * });
 * ```
 */
export async function timeOperation(
  owner: ClientOwner,
  requestType: string,
  name: string,
  work: (meta: OperationMeta) => Promise<void>,
  context: () => Record<string, unknown> = () => owner.context(),
): Promise<boolean> {
  const signal = owner.signal;
  signal.throwIfAborted();
  const meta: OperationMeta = { length: 0 };
  const startTime = Date.now() / 1000;
  const started = performance.now();
  let exception: unknown = null;
  try {
    await untilAborted(work(meta), signal);
  } catch (err) {
    if (signal.aborted) throw err; // the user is being stopped: not a failure of the system under test
    exception = err;
  }
  const responseTime = performance.now() - started;
  owner.environment.events.request.fire({ requestType, name, responseTime, responseLength: meta.length, exception, context: context(), startTime });
  return exception === null;
}
