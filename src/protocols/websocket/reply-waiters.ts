import type { WebSocketMessage } from "./names.ts";

/** Decides whether a received message is the reply a request waits for. */
export type ReplyMatcher = (message: WebSocketMessage) => boolean;

interface Waiter {
  match: ReplyMatcher;
  resolve: (message: WebSocketMessage) => void;
  reject: (err: unknown) => void;
}

/**
 * Requests waiting for their replies on one connection. Each received message goes to the oldest waiter whose
 * matcher accepts it (one message answers one request); a matcher that throws fails its own request.
 */
export class ReplyWaiters {
  #waiters: Waiter[] = [];

  /** Waits for a message `match` accepts; rejects after `timeout` ms, or with the signal's reason when it aborts. */
  wait(match: ReplyMatcher, timeout: number, signal: AbortSignal): Promise<WebSocketMessage> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
      };
      const waiter: Waiter = {
        match,
        resolve: (message) => (settle(), resolve(message)),
        reject: (err) => (settle(), reject(err)),
      };
      const onAbort = () => waiter.reject(signal.reason);
      const timer = setTimeout(() => waiter.reject(new Error(`No matching reply within ${timeout} ms`)), timeout);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiters = [...this.#waiters, waiter];
    });
  }

  /** Offers a received message to the waiters; true when one took it. */
  deliver(message: WebSocketMessage): boolean {
    for (const waiter of this.#waiters) {
      let matched: boolean;
      try {
        matched = waiter.match(message);
      } catch (err) {
        waiter.reject(err);
        continue;
      }
      if (matched) {
        waiter.resolve(message);
        return true;
      }
    }
    return false;
  }

  /** Fails every waiting request (the connection closed). */
  failAll(err: Error): void {
    for (const waiter of this.#waiters) waiter.reject(err);
  }
}
