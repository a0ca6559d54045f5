/**
 * A 4xx/5xx status turned into an error, with python-requests' message so failures group as in Locust:
 * `404 Client Error: Not Found for url: /path`. Its `name` is `HTTPError`, which is how reports show it. Like
 * requests' HTTPError it is not a ResponseError: thrown by `raiseForStatus()` inside a catch-response callback it
 * propagates instead of being taken as the verdict.
 */
export class HttpError extends Error {
  override name = "HTTPError";
  /** The status code that caused the error. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * The error requests' `raise_for_status()` raises for `status`, or null when the status is not 400–599.
 * `url` is what the message names (Locust passes the request's stats name there).
 */
export function createStatusError(status: number, reason: string, url: string): HttpError | null {
  if (status < 400 || status >= 600) return null;
  const kind = status < 500 ? "Client Error" : "Server Error";
  return new HttpError(status, `${status} ${kind}: ${reason} for url: ${url}`);
}
