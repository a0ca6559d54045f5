/**
 * Incremental HTTP/1.x response parser over the byte chunks a socket delivers: status line, headers,
 * Content-Length, chunked (with trailers) and read-until-close bodies. Pure: no I/O, no timers.
 * Longer than most files because the framing state machine reads best in one place.
 * @module
 */
import { ByteStash } from "./byte-stash.ts";
import { HeadFlags, parseChunkSizeLine, parseHeaderLine, parseStatusLine } from "./head-fields.ts";
import { HttpParseError, formatExcerpt, throwMalformed } from "./http-parse-error.ts";
import { ParsedResponse } from "./parsed-response.ts";
import { BodyTooLargeError } from "../http-shared/index.ts";

const EMPTY_RESPONSE = new ParsedResponse();

/** Default bound on the response head (status line plus headers), in bytes. */
export const DEFAULT_MAX_HEADER_SIZE = 64 * 1024;

const CR = 13;
const LF = 10;
/** Lines up to this long are scanned byte by byte; longer ones go to the native `indexOf`. */
const SHORT_LINE = 48;
const MAX_CHUNK_LINE = 4096;

/**
 * Index of the next LF at or after `from`, or -1. Most header lines are short, and for them a byte loop beats a
 * native `Uint8Array.prototype.indexOf` call (measured ~10–20% on a whole small response); a long line (cookies,
 * policies) goes to `indexOf`, which is ~4× faster per byte.
 */
function findLineFeed(buf: Uint8Array, from: number): number {
  const length = buf.length;
  const stop = from + SHORT_LINE < length ? from + SHORT_LINE : length;
  for (let i = from; i < stop; i++) if (buf[i] === LF) return i;
  return stop === length ? -1 : buf.indexOf(LF, stop);
}

const S_IDLE = 0;
const S_HEAD = 1;
const S_CHUNK_SIZE = 2;
const S_CHUNK_END = 3;
const S_TRAILERS = 4;
const S_LENGTH = 5;
const S_CHUNK_DATA = 6;
const S_UNTIL_CLOSE = 7;
const S_DONE = 8;

/**
 * Parses one response at a time. Call {@link ResponseParser.start} before each response, then
 * {@link ResponseParser.feed} with every chunk, and {@link ResponseParser.finish} when the peer closes.
 * Never called concurrently; one instance per connection.
 */
export class ResponseParser {
  readonly maxHeaderSize: number;
  /** Bound on a collected body (a streamed one goes to `sink` uncounted), in bytes. */
  readonly maxBodySize: number;
  /** When set, body bytes are handed over as they arrive instead of being collected (streamed responses). */
  sink: ((piece: Uint8Array) => void) | null = null;
  #state = S_IDLE;
  #res = new ParsedResponse();
  #flags = new HeadFlags();
  #noBody = false;
  #received = 0;
  #remaining = 0;
  #first: Uint8Array | null = null;
  #firstStart = 0;
  #firstEnd = 0;
  #more: Uint8Array[] | null = null;
  #bodyLength = 0;
  #stash = new ByteStash();
  #scan = 0;
  #unitStart = 0;
  #inStash = false;

  constructor(maxHeaderSize = DEFAULT_MAX_HEADER_SIZE, maxBodySize = Infinity) {
    this.maxHeaderSize = maxHeaderSize;
    this.maxBodySize = maxBodySize;
  }

  /** Prepares for the next response. `noBody` is true for the response to a HEAD request. */
  start(noBody: boolean): void {
    this.#state = S_HEAD;
    this.#noBody = noBody;
    this.#received = 0;
    this.#stash.clear();
    this.#resetHead();
  }

  /** Forgets the last response (so an idle connection does not keep it, and its socket chunk, alive). */
  release(): void {
    this.#res = EMPTY_RESPONSE;
    this.#state = S_IDLE;
  }

  /** True once the status line and headers of the current response are parsed. */
  get headComplete(): boolean {
    return this.#state > S_HEAD;
  }

  /** True when the current response is complete. */
  get done(): boolean {
    return this.#state === S_DONE;
  }

  /** True when any byte of the current response arrived. */
  get receivedAny(): boolean {
    return this.#received > 0;
  }

  /** The response being parsed (complete once {@link ResponseParser.done}). */
  get response(): ParsedResponse {
    return this.#res;
  }

  /**
   * Consumes `chunk`. Returns the offset just past the end of the response when it completed inside this chunk
   * (bytes after it belong to no request), or -1 when more bytes are needed. Called on the per-request path.
   * @throws HttpParseError on malformed input.
   */
  feed(chunk: Uint8Array): number {
    this.#received += chunk.length;
    if (this.#stash.length === 0) return this.#run(chunk, 0);
    const before = this.#stash.length;
    const buf = this.#stash.append(chunk);
    this.#inStash = true;
    const end = this.#lineState(buf, 0, this.#scan);
    this.#inStash = false;
    if (end < 0) {
      this.#stash.discardFront(this.#unitStart);
      this.#scan -= this.#unitStart;
      this.#checkStashSize();
      return -1;
    }
    this.#stash.clear();
    // The unit that was waiting ended inside the new chunk, so the rest is read from the chunk itself.
    return this.#run(chunk, end - before);
  }

  /**
   * The peer closed the connection: completes a read-until-close body.
   * @throws HttpParseError when the response was cut short.
   */
  finish(): void {
    const state = this.#state;
    if (state === S_UNTIL_CLOSE) return this.#complete();
    if (state === S_DONE || state === S_IDLE) return;
    if (state === S_HEAD && this.#received === 0) throw new HttpParseError("Connection closed before any response byte");
    if (state === S_HEAD) throw new HttpParseError("Connection closed in the middle of the response head");
    if (state === S_LENGTH) {
      const expected = this.#res.contentLength;
      throw new HttpParseError(`Connection closed after ${expected - this.#remaining} of ${expected} body bytes (Content-Length)`);
    }
    throw new HttpParseError("Connection closed in the middle of a chunked body");
  }

  #run(buf: Uint8Array, pos: number): number {
    for (;;) {
      const state = this.#state;
      if (state === S_LENGTH || state === S_CHUNK_DATA) {
        const n = Math.min(this.#remaining, buf.length - pos);
        if (n > 0) this.#addBody(buf, pos, pos + n);
        pos += n;
        this.#remaining -= n;
        if (this.#remaining > 0) return -1;
        if (state === S_LENGTH) this.#complete();
        else this.#state = S_CHUNK_END;
      } else if (state === S_DONE) {
        return pos;
      } else if (state === S_UNTIL_CLOSE) {
        if (pos < buf.length) this.#addBody(buf, pos, buf.length);
        return -1;
      } else if (state === S_IDLE) {
        if (pos < buf.length) throw new HttpParseError(`Unexpected bytes with no request pending: ${formatExcerpt(buf, pos, buf.length)}`);
        return -1;
      } else {
        if (pos >= buf.length) return -1;
        const end = this.#lineState(buf, pos, pos);
        if (end < 0) {
          this.#stashRest(buf);
          return -1;
        }
        pos = end;
      }
    }
  }

  /**
   * Runs one line-oriented state over `buf[start…]` (scanning from `scan`): the index past it, or -1 with
   * `#unitStart` (first byte to keep) and `#scan` (where to resume) set.
   */
  #lineState(buf: Uint8Array, start: number, scan: number): number {
    switch (this.#state) {
      case S_HEAD:
        return this.#parseHead(buf, start, scan);
      case S_CHUNK_SIZE:
        return this.#parseChunkSize(buf, start);
      case S_CHUNK_END:
        return this.#parseChunkEnd(buf, start);
      default:
        return this.#parseTrailers(buf, start, scan);
    }
  }

  #parseHead(buf: Uint8Array, start: number, scan: number): number {
    let res = this.#res;
    for (;;) {
      const lf = findLineFeed(buf, scan);
      if (lf < 0) return this.#needMore(start, scan);
      const lineEnd = lf > scan && buf[lf - 1] === CR ? lf - 1 : lf;
      if (res.status === 0) parseStatusLine(buf, scan, lineEnd, res);
      else if (lineEnd === scan) {
        if (lf + 1 - start > this.maxHeaderSize) this.#headTooLarge();
        if (this.#inStash) res.setHead(buf.slice(start, scan), 0, scan - start);
        else res.setHead(buf, start, scan);
        if (this.#afterHead()) return lf + 1;
        // An interim 1xx response ended; the real head starts on the next line.
        res = this.#res;
        start = lf + 1;
      } else parseHeaderLine(buf, scan, lineEnd, res, this.#flags);
      scan = lf + 1;
    }
  }

  /** Decides how the body is framed. Returns false for an interim 1xx response (a new head follows). */
  #afterHead(): boolean {
    const res = this.#res;
    const flags = this.#flags;
    const status = res.status;
    if (status < 200 && status !== 101) {
      this.#resetHead();
      return false;
    }
    res.keepAlive = !flags.connectionClose && (res.httpMinor >= 1 || flags.connectionKeepAlive);
    if (this.#noBody || status === 204 || status === 304) this.#complete();
    else if (status === 101 || flags.otherTransferEncoding) this.#readUntilClose();
    else if (res.chunked) {
      // Content-Length beside chunked is ignored (RFC 9112 §6.3), and such a connection is not reused.
      if (res.contentLength >= 0) res.keepAlive = false;
      this.#state = S_CHUNK_SIZE;
    } else if (res.contentLength > 0) {
      // Refused before any of it is read.
      if (res.contentLength > this.maxBodySize && this.sink === null) this.#bodyTooLarge();
      this.#remaining = res.contentLength;
      this.#state = S_LENGTH;
    } else if (res.contentLength === 0) this.#complete();
    else this.#readUntilClose();
    return true;
  }

  #readUntilClose(): void {
    this.#res.keepAlive = false;
    this.#state = S_UNTIL_CLOSE;
  }

  #parseChunkSize(buf: Uint8Array, start: number): number {
    const lf = findLineFeed(buf, start);
    if (lf < 0) return this.#needMore(start, start);
    const size = parseChunkSizeLine(buf, start, lf > start && buf[lf - 1] === CR ? lf - 1 : lf);
    this.#state = size === 0 ? S_TRAILERS : S_CHUNK_DATA;
    this.#remaining = size;
    return lf + 1;
  }

  #parseChunkEnd(buf: Uint8Array, start: number): number {
    const first = buf[start];
    const ok = first === LF ? 1 : first === CR ? (start + 1 < buf.length ? (buf[start + 1] === LF ? 2 : -1) : 0) : -1;
    if (ok < 0) throwMalformed("chunk data longer than its size, at", buf, start, buf.length);
    if (ok === 0) return this.#needMore(start, start);
    this.#state = S_CHUNK_SIZE;
    return start + ok;
  }

  #parseTrailers(buf: Uint8Array, start: number, scan: number): number {
    for (;;) {
      const lf = findLineFeed(buf, scan);
      if (lf < 0) return this.#needMore(start, scan);
      const lineEnd = lf > scan && buf[lf - 1] === CR ? lf - 1 : lf;
      if (lineEnd === scan) {
        if (scan > start) this.#res.trailers = buf.slice(start, scan);
        this.#complete();
        return lf + 1;
      }
      parseHeaderLine(buf, scan, lineEnd, this.#res, this.#flags);
      scan = lf + 1;
    }
  }

  #needMore(unitStart: number, scan: number): number {
    this.#unitStart = unitStart;
    this.#scan = scan;
    return -1;
  }

  #addBody(buf: Uint8Array, start: number, end: number): void {
    if (this.sink) return this.sink(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
    this.#bodyLength += end - start;
    if (this.#bodyLength > this.maxBodySize) this.#bodyTooLarge();
    if (this.#first === null) {
      this.#first = buf;
      this.#firstStart = start;
      this.#firstEnd = end;
    } else (this.#more ??= []).push(buf.subarray(start, end));
  }

  #complete(): void {
    this.#state = S_DONE;
    const first = this.#first;
    if (first === null) return;
    const more = this.#more;
    if (more === null) this.#res.setBody(first, this.#firstStart, this.#firstEnd);
    else {
      const body = new Uint8Array(this.#bodyLength);
      body.set(first.subarray(this.#firstStart, this.#firstEnd), 0);
      let at = this.#firstEnd - this.#firstStart;
      for (const piece of more) {
        body.set(piece, at);
        at += piece.length;
      }
      this.#res.setBody(body, 0, body.length);
    }
    this.#first = null;
    this.#more = null;
  }

  #resetHead(): void {
    this.#res = new ParsedResponse();
    this.#flags.reset();
    this.#first = null;
    this.#more = null;
    this.#bodyLength = 0;
    this.#remaining = 0;
  }

  #headTooLarge(): never {
    throw new HttpParseError(`Malformed HTTP response: response head larger than ${this.maxHeaderSize} bytes`);
  }

  #bodyTooLarge(): never {
    throw new BodyTooLargeError(this.maxBodySize);
  }

  #checkStashSize(): void {
    const length = this.#stash.length;
    const isChunkLine = this.#state === S_CHUNK_SIZE || this.#state === S_CHUNK_END;
    if (isChunkLine && length > MAX_CHUNK_LINE) throw new HttpParseError("Malformed HTTP response: chunk size line too long");
    if (length > this.maxHeaderSize) this.#headTooLarge();
  }

  /** Keeps `buf[#unitStart…]` until the next chunk completes the line(s) a line-oriented state waits for. */
  #stashRest(buf: Uint8Array): void {
    const from = this.#unitStart;
    this.#scan -= from;
    this.#stash.clear();
    this.#stash.append(from === 0 ? buf : buf.subarray(from));
    this.#checkStashSize();
  }
}
