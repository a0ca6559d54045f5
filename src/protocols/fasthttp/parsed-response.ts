/**
 * What the byte parser produces for one response: the status, the raw head bytes and the body. Headers are
 * materialised into a `Headers` object only when asked for, so the per-request path never builds them.
 * @module
 */

const EMPTY = new Uint8Array(0);
const CR = 13;
const LF = 10;

/** Decodes bytes as latin-1, the charset of HTTP header bytes. */
export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** Adds every `name: value` line of `block` to `headers` (folded continuation lines join the previous value). */
function appendHeaderLines(headers: Headers, block: Uint8Array, skipFirstLine: boolean): void {
  const lines = decodeLatin1(block).split(/\r?\n/);
  let name = "";
  let value = "";
  const flush = () => {
    // Headers rejects some bytes servers do send (e.g. control characters); skip such a line rather than fail.
    try {
      if (name) headers.append(name, value);
    } catch {
      // ignored on purpose: one unusable header must not hide the rest of the response
    }
  };
  for (let i = skipFirstLine ? 1 : 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    if (line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) {
      value += " " + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(":");
    name = line.slice(0, colon);
    value = line.slice(colon + 1).trim();
  }
  flush();
}

/** One parsed HTTP/1.x response. Fields are filled in by {@link ResponseParser}. */
export class ParsedResponse {
  /** Status code (100–999). */
  status = 0;
  /** Minor HTTP version: 1 for HTTP/1.1, 0 for HTTP/1.0. */
  httpMinor = 1;
  /** Raw trailer lines of a chunked body, if any. */
  trailers: Uint8Array | undefined = undefined;
  /** `Content-Length` value, or -1 when absent. */
  contentLength = -1;
  /** Lower-cased `Content-Encoding` value, when present. */
  contentEncoding: string | undefined = undefined;
  /** Whether the connection may carry another request after this response. */
  keepAlive = true;
  /** Whether the body was sent with `Transfer-Encoding: chunked`. */
  chunked = false;
  /** Whether the head has at least one `Set-Cookie` line (so cookie handling can skip the others). */
  hasSetCookie = false;
  #headers: Headers | undefined;
  // Head and body are kept as (buffer, start, end) because a subarray view costs more than the rest of the parse.
  #headSource: Uint8Array = EMPTY;
  #headStart = 0;
  #headEnd = 0;
  #bodySource: Uint8Array = EMPTY;
  #bodyStart = 0;
  #bodyEnd = 0;

  /** Records where the head is: `source[start…end)`. */
  setHead(source: Uint8Array, start: number, end: number): void {
    this.#headSource = source;
    this.#headStart = start;
    this.#headEnd = end;
  }

  /** Records where the body is: `source[start…end)`. */
  setBody(source: Uint8Array, start: number, end: number): void {
    this.#bodySource = source;
    this.#bodyStart = start;
    this.#bodyEnd = end;
  }

  /** Status line and header lines, without the blank line that ends the head. */
  get head(): Uint8Array {
    const source = this.#headSource;
    return this.#headStart === 0 && this.#headEnd === source.length ? source : source.subarray(this.#headStart, this.#headEnd);
  }

  /** The whole body as received (still content-encoded); empty for streamed responses. */
  get body(): Uint8Array {
    const source = this.#bodySource;
    if (this.#bodyStart === 0 && this.#bodyEnd === source.length) return source;
    this.#bodySource = source.subarray(this.#bodyStart, this.#bodyEnd);
    this.#bodyStart = 0;
    this.#bodyEnd = this.#bodySource.length;
    return this.#bodySource;
  }

  /** Length of {@link ParsedResponse.body}, without creating it. */
  get bodyLength(): number {
    return this.#bodyEnd - this.#bodyStart;
  }

  /** The headers (and trailers), built on first access. */
  get headers(): Headers {
    if (this.#headers) return this.#headers;
    const headers = new Headers();
    appendHeaderLines(headers, this.head, true);
    if (this.trailers) appendHeaderLines(headers, this.trailers, false);
    this.#headers = headers;
    return headers;
  }

  /** The reason phrase of the status line ("OK", "Not Found"); may be empty. */
  get reason(): string {
    const head = this.#headSource;
    const start = this.#headStart;
    let end = head.indexOf(LF, start);
    if (end < 0 || end > this.#headEnd) end = this.#headEnd;
    if (end > start && head[end - 1] === CR) end--;
    // "HTTP/1.1 200 " is 13 bytes; the reason starts after it.
    return end > start + 13 ? decodeLatin1(head, start + 13, end) : "";
  }
}
