/**
 * The faults a request can hit below HTTP — refused, reset or a broken pipe (reported as Locust reports the Python
 * OSError), timed out, TLS, closed early, a body that does not decompress — as {@link TransportError}s named after
 * the Python exceptions Locust reports for the same faults. Each becomes a status-0 response with `.error` and a counted failure.
 * @module
 */
import { TransportError, toOsError } from "../http-shared/index.ts";

export { BodyTooLargeError } from "../http-shared/index.ts";

/** Nothing listens on the target port: `ConnectionRefusedError(111, 'Connection refused')`, as in Locust. */
export class ConnectionRefusedError extends TransportError {
  constructor(cause?: unknown) {
    super("ConnectionRefusedError", "Connection refused", { code: "ECONNREFUSED", errno: 111, cause });
  }
}

/** The peer reset the connection (RST) mid-request: `ConnectionResetError(104, 'Connection reset by peer')`. */
export class ConnectionResetError extends TransportError {
  constructor(cause?: unknown) {
    super("ConnectionResetError", "Connection reset by peer", { code: "ECONNRESET", errno: 104, cause });
  }
}

/** The peer (or this client) closed the connection before the response was complete. */
export class ConnectionClosedError extends TransportError {
  constructor(message: string) {
    super("HTTPConnectionClosed", message);
  }
}

/** No connection within `connectionTimeout`, or no byte for `networkTimeout` seconds while a response was awaited. */
export class RequestTimeoutError extends TransportError {
  constructor(message: string) {
    super("TimeoutError", message, { code: "ETIMEDOUT" });
  }
}

/** The TLS handshake or session failed (e.g. a certificate rejected when `insecure` is false). */
export class TlsError extends TransportError {
  constructor(message: string, code?: string, cause?: unknown) {
    super("SSLError", message, { code, cause });
  }
}

/** A `Content-Encoding` body that does not decompress (Python's `zlib.error`). */
export class ContentDecodingError extends TransportError {
  constructor(message: string) {
    super("ZlibError", message);
  }
}

const TLS_HINT = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HANDSHAKE/i;

/** Turns an error Bun reported for a socket into one of the classes above, with a one-line message naming `target`. */
export function toTransportError(err: unknown, target: string): TransportError {
  if (err instanceof TransportError) return err;
  const raw = err as { code?: unknown; message?: unknown } | null;
  const code = typeof raw?.code === "string" ? raw.code : "";
  const message = typeof raw?.message === "string" ? raw.message : String(err);
  if (code === "ECONNREFUSED") return new ConnectionRefusedError(err);
  if (code === "ECONNRESET") return new ConnectionResetError(err);
  const osError = toOsError(code, err);
  if (osError) return osError;
  if (code === "ETIMEDOUT") return new RequestTimeoutError(`Connection timed out: ${target}`);
  const detail = code && !message.includes(code) ? `${message} (${code})` : message;
  if (TLS_HINT.test(code) || TLS_HINT.test(message)) return new TlsError(`TLS error with ${target}: ${detail}`, code || undefined, err);
  return new TransportError("ConnectionError", `${detail}: ${target}`, { code: code || undefined, cause: err });
}
