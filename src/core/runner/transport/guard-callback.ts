import { createLogger, markUnhandledError } from "../../log.ts";

const log = createLogger("locust.rpc");

/**
 * Wraps a caller's callback so that an exception in it is logged (and sets Locust's exit code 2 rule) instead of
 * escaping into the socket's event handler, where it would tear down the connection or the process.
 */
export function guardCallback<Args extends unknown[]>(
  name: string,
  callback: ((...args: Args) => void) | undefined,
): (...args: Args) => void {
  if (callback === undefined) return () => {};
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      markUnhandledError();
      log.error(`${name} callback failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
}
