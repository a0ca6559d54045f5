import { TransportError } from "../http-shared/index.ts";
import { decodeLatin1 } from "./parsed-response.ts";

/** A response that breaks HTTP/1.1 framing; the connection it came from is discarded. */
export class HttpParseError extends TransportError {
  constructor(message: string) {
    super("HttpParseError", message);
  }
}

/** A quoted, printable excerpt of raw bytes for error messages (at most 60 bytes). */
export function formatExcerpt(buf: Uint8Array, start: number, end: number): string {
  const text = decodeLatin1(buf, start, Math.min(end, start + 60));
  return JSON.stringify(end - start > 60 ? text + "…" : text);
}

/** Throws `Malformed HTTP response: <what> "<excerpt>"`. */
export function throwMalformed(what: string, buf: Uint8Array, start: number, end: number): never {
  throw new HttpParseError(`Malformed HTTP response: ${what} ${formatExcerpt(buf, start, end)}`);
}
