import { PYTHON_REPR } from "../../core/errors.ts";
import { formatPythonStringRepr } from "../../core/python/index.ts";

/**
 * A request that got no response, named the way Locust's failure tables name it after unwrapping
 * (e.g. `ConnectionRefusedError`), with the runtime's code and message kept.
 */
export class TransportError extends Error {
  /** The runtime's error code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …), if any. */
  readonly code: string | undefined;
  /** Linux errno of a socket fault, set when Locust reports it as a Python OSError: `Name(errno, 'text')`. */
  readonly errno: number | undefined;

  constructor(name: string, message: string, options: { code?: string; cause?: unknown; errno?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = name;
    this.code = options.code;
    this.errno = options.errno;
  }

  /** Python's repr: `ConnectionRefusedError(111, 'Connection refused')` with an errno, else `Name('message')`. */
  [PYTHON_REPR](): string {
    const errno = this.errno ? `${this.errno}, ` : "";
    return `${this.name}(${errno}${formatPythonStringRepr(this.message)})`;
  }
}

/** Python's `str()` of an error: the message, with `[Errno N] ` in front for a socket fault that has an errno. */
export function formatErrorText(err: Error): string {
  return err instanceof TransportError && err.errno ? `[Errno ${err.errno}] ${err.message}` : err.message;
}

/**
 * Socket faults Locust reports as the Python OSError underneath (e.g. `ConnectionRefusedError(111, 'Connection
 * refused')` in the failures table): the class name, Linux errno (getaddrinfo's code for gaierror) and its text,
 * by runtime error code.
 */
const OS_ERRORS: Record<string, readonly [name: string, errno: number, text: string]> = {
  ECONNREFUSED: ["ConnectionRefusedError", 111, "Connection refused"],
  ConnectionRefused: ["ConnectionRefusedError", 111, "Connection refused"],
  ECONNRESET: ["ConnectionResetError", 104, "Connection reset by peer"],
  EPIPE: ["BrokenPipeError", 32, "Broken pipe"],
  // A name that does not resolve: Python's socket.gaierror with getaddrinfo's EAI_NONAME / EAI_AGAIN.
  ENOTFOUND: ["gaierror", -2, "Name or service not known"],
  EAI_AGAIN: ["gaierror", -3, "Temporary failure in name resolution"],
};

/** The socket fault for runtime error `code` as Locust names it, or undefined when it is not one of them. */
export function toOsError(code: string, cause?: unknown): TransportError | undefined {
  const known = OS_ERRORS[code];
  return known && new TransportError(known[0], known[2], { code, cause, errno: known[1] });
}

/** Names of the other faults, by runtime error code (the OS_ERRORS ones are handled before). */
const NAMES_BY_CODE: Record<string, string> = {
  ConnectionClosed: "ConnectionResetError",
  DNSException: "NameResolutionError",
  ETIMEDOUT: "ConnectTimeout",
  EHOSTUNREACH: "ConnectionError",
  ENETUNREACH: "ConnectionError",
};

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function nameFor(code: string | undefined): string {
  if (!code) return "ConnectionError";
  return NAMES_BY_CODE[code] ?? (TLS_CODE.test(code) ? "SSLError" : "ConnectionError");
}

/**
 * requests' `ReadTimeout` around urllib3's `ReadTimeoutError`, which names the connection pool:
 * `ReadTimeout(ReadTimeoutError("HTTPConnectionPool(host='h', port=80): Read timed out. (read timeout=2)"))`.
 */
export class ReadTimeout extends TransportError {
  constructor(url: string, timeoutSeconds: number | undefined, cause?: unknown) {
    super("ReadTimeout", `${describePool(url)}: Read timed out. (read timeout=${timeoutSeconds ?? "None"})`, { code: "ETIMEDOUT", cause });
  }

  override [PYTHON_REPR](): string {
    return `ReadTimeout(ReadTimeoutError(${formatPythonStringRepr(this.message)}))`;
  }
}

/** urllib3's name for the pool of `url`'s origin: `HTTPConnectionPool(host='example.com', port=80)`. */
function describePool(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "HTTPConnectionPool(host=None, port=None)";
  }
  const https = parsed.protocol === "https:";
  const port = parsed.port === "" ? (https ? 443 : 80) : Number(parsed.port);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return `${https ? "HTTPS" : "HTTP"}ConnectionPool(host=${formatPythonStringRepr(host)}, port=${port})`;
}

/** Default bound on a response body once its Content-Encoding is undone, in bytes (100 MiB). */
export const DEFAULT_MAX_BODY_SIZE = 100 * 1024 * 1024;

/**
 * A response body larger than the session's `maxBodySize` (for an encoded body: once decoded, so a decompression
 * bomb fails instead of filling memory). `coding` names the Content-Encoding that was being undone, if known.
 */
export class BodyTooLargeError extends TransportError {
  constructor(maxBytes: number, coding?: string) {
    const decoded = coding === undefined ? "" : ` once decoded (${coding})`;
    super("BodyTooLargeError", `Response body larger than maxBodySize (${maxBytes} bytes)${decoded}`);
  }
}

/**
 * The error `fetch` or a socket raised for a request to `url`, as a {@link TransportError}; `timeoutSeconds` names
 * a timeout's limit.
 */
export function toTransportError(err: unknown, url: string, timeoutSeconds?: number): TransportError {
  if (err instanceof TransportError) return err;
  if (err instanceof Error && err.name === "TimeoutError") return new ReadTimeout(url, timeoutSeconds, err);
  const raw = err as { code?: unknown; message?: unknown } | null;
  const code = typeof raw?.code === "string" ? raw.code : undefined;
  const osError = code === undefined ? undefined : toOsError(code, err);
  if (osError) return osError;
  const message = typeof raw?.message === "string" ? raw.message : String(err);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  return new TransportError(nameFor(code), text, { code, cause: err });
}
