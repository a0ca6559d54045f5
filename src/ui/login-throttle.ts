import type { Server } from "bun";

/** Failed logins a client may make before it has to wait. */
const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 5 * 60_000;
/** A client's failures are forgotten this long after its last one. */
const FORGET_MS = 15 * 60_000;
/** Bounds the memory an attacker with many addresses can take; the oldest are dropped first. */
const MAX_CLIENTS = 10_000;

interface ClientFailures {
  count: number;
  lastMs: number;
  lockedUntilMs: number;
}

/**
 * Slows down password guessing per client address: five failed logins are free, then each further failure makes the
 * client wait twice as long as the last one (1 s, 2 s, 4 s … at most 5 minutes) before its next attempt is checked.
 * A success clears the client's record.
 */
export class LoginThrottle {
  readonly #nowMs: () => number;
  readonly #clients = new Map<string, ClientFailures>();

  /** `nowMs` reads monotonic milliseconds (the environment's clock). */
  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  /** Addresses currently remembered. */
  get size(): number {
    return this.#clients.size;
  }

  /** Milliseconds `client` must wait before a login attempt is checked again (0: it may try now). */
  waitMs(client: string): number {
    const entry = this.#clients.get(client);
    return entry ? Math.max(0, entry.lockedUntilMs - this.#nowMs()) : 0;
  }

  recordFailure(client: string): void {
    const now = this.#nowMs();
    const previous = this.#clients.get(client);
    const count = previous && now - previous.lastMs < FORGET_MS ? previous.count + 1 : 1;
    const waitMs = count > FREE_FAILURES ? Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_FAILURES - 1)) : 0;
    // Re-inserting keeps the map in order of last failure, so eviction drops the stalest client.
    this.#clients.delete(client);
    this.#clients.set(client, { count, lastMs: now, lockedUntilMs: now + waitMs });
    if (this.#clients.size > MAX_CLIENTS) this.#clients.delete(this.#clients.keys().next().value!);
  }

  recordSuccess(client: string): void {
    this.#clients.delete(client);
  }
}

/** The address a request came from ("local" when the app is driven in-process, without a server). */
export function readClientAddress(req: Request, server: Server<unknown> | undefined): string {
  return server?.requestIP(req)?.address ?? "local";
}

/** The `Retry-After` value (whole seconds, at least 1) for a wait. */
export function formatRetryAfter(waitMs: number): string {
  return String(Math.max(1, Math.ceil(waitMs / 1000)));
}

/** The message for a client that failed to log in too often and must wait `waitMs`. */
export function formatTooManyAttempts(waitMs: number): string {
  return `Too many failed sign-ins: try again in ${formatRetryAfter(waitMs)} s`;
}
