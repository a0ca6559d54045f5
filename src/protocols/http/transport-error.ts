/**
 * A request that got no response, named the way Locust's failure tables name it after unwrapping
 * (e.g. `ConnectionRefusedError`), with the runtime's code and message kept.
 */
export class TransportError extends Error {
  /** The runtime's error code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …), if any. */
  readonly code: string | undefined;

  constructor(name: string, message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = name;
    this.code = options.code;
  }
}

const NAMES_BY_CODE: Record<string, string> = {
  ECONNREFUSED: "ConnectionRefusedError",
  ConnectionRefused: "ConnectionRefusedError",
  ECONNRESET: "ConnectionResetError",
  ConnectionClosed: "ConnectionResetError",
  EPIPE: "BrokenPipeError",
  ENOTFOUND: "NameResolutionError",
  EAI_AGAIN: "NameResolutionError",
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

/** The error `fetch` or a socket raised, as a {@link TransportError}; `timeoutSeconds` names a timeout's limit. */
export function toTransportError(err: unknown, timeoutSeconds?: number): TransportError {
  if (err instanceof TransportError) return err;
  if (err instanceof Error && err.name === "TimeoutError") {
    return new TransportError("ReadTimeout", `Read timed out. (read timeout=${timeoutSeconds ?? "?"})`, { cause: err, code: "ETIMEDOUT" });
  }
  const raw = err as { code?: unknown; message?: unknown } | null;
  const code = typeof raw?.code === "string" ? raw.code : undefined;
  const message = typeof raw?.message === "string" ? raw.message : String(err);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  return new TransportError(nameFor(code), text, { code, cause: err });
}
