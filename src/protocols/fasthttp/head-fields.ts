/**
 * Reads the status line and the few header lines that decide framing (Content-Length, Transfer-Encoding,
 * Connection) or need attention later (Content-Encoding, Set-Cookie), straight from the bytes. Every other
 * header stays raw until someone asks for `headers`.
 * @module
 */
import { throwMalformed } from "./http-parse-error.ts";
import { type ParsedResponse, decodeLatin1 } from "./parsed-response.ts";

const COLON = 58;
const COMMA = 44;
const SP = 32;
const HT = 9;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const CONTENT_LENGTH = ascii("content-length");
const TRANSFER_ENCODING = ascii("transfer-encoding");
const CONNECTION = ascii("connection");
const CONTENT_ENCODING = ascii("content-encoding");
const SET_COOKIE = ascii("set-cookie");
const CLOSE = ascii("close");
const KEEP_ALIVE = ascii("keep-alive");
const CHUNKED = ascii("chunked");

/** Case-insensitive compare of `buf[at…]` with a lower-case ASCII word. */
function matchesLower(buf: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if ((buf[at + i]! | 0x20) !== word[i]) return false;
  return true;
}

function isDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

/** Framing facts of one head that the response object does not keep. */
export class HeadFlags {
  connectionClose = false;
  connectionKeepAlive = false;
  /** A Transfer-Encoding other than a final `chunked`: the body runs until close. */
  otherTransferEncoding = false;

  reset(): void {
    this.connectionClose = false;
    this.connectionKeepAlive = false;
    this.otherTransferEncoding = false;
  }
}

/**
 * Parses `HTTP/1.x NNN reason` into `res.status` and `res.httpMinor`.
 * @throws HttpParseError for anything else.
 */
export function parseStatusLine(buf: Uint8Array, start: number, end: number, res: ParsedResponse): void {
  const ok =
    end - start >= 12 &&
    buf[start] === 72 && buf[start + 1] === 84 && buf[start + 2] === 84 && buf[start + 3] === 80 &&
    buf[start + 4] === 47 && buf[start + 5] === 49 && buf[start + 6] === 46 && isDigit(buf[start + 7]!) &&
    buf[start + 8] === SP && isDigit(buf[start + 9]!) && isDigit(buf[start + 10]!) && isDigit(buf[start + 11]!) &&
    (end - start === 12 || buf[start + 12] === SP);
  const status = (buf[start + 9]! - 48) * 100 + (buf[start + 10]! - 48) * 10 + (buf[start + 11]! - 48);
  if (!ok || status < 100) throwMalformed("bad status line", buf, start, end);
  res.status = status;
  res.httpMinor = buf[start + 7]! - 48;
}

/**
 * Checks one `name: value` line and records it when it matters for framing. Called on the per-request path for
 * every header line: allocates nothing except for Content-Encoding values and unusual Connection values.
 * @throws HttpParseError for a line without a proper `name:`.
 */
export function parseHeaderLine(buf: Uint8Array, start: number, end: number, res: ParsedResponse, flags: HeadFlags): void {
  const first = buf[start];
  if (first === SP || first === HT) return; // obsolete line folding: kept in the raw head, joined when materialised
  // Names are short: a byte loop beats a native indexOf call here.
  let colon = start;
  while (colon < end && buf[colon] !== COLON) colon++;
  if (colon === start || colon === end || buf[colon - 1] === SP || buf[colon - 1] === HT) {
    throwMalformed("bad header line", buf, start, end);
  }
  const nameLength = colon - start;
  if (nameLength !== 14 && nameLength !== 17 && nameLength !== 10 && nameLength !== 16) return;
  let from = colon + 1;
  while (from < end && (buf[from] === SP || buf[from] === HT)) from++;
  let to = end;
  while (to > from && (buf[to - 1] === SP || buf[to - 1] === HT)) to--;
  if (nameLength === 14 && matchesLower(buf, start, CONTENT_LENGTH)) parseContentLength(buf, from, to, res);
  else if (nameLength === 17 && matchesLower(buf, start, TRANSFER_ENCODING)) parseTransferEncoding(buf, from, to, res, flags);
  else if (nameLength === 10 && matchesLower(buf, start, CONNECTION)) parseConnection(buf, from, to, flags);
  else if (nameLength === 10 && matchesLower(buf, start, SET_COOKIE)) res.hasSetCookie = true;
  else if (nameLength === 16 && matchesLower(buf, start, CONTENT_ENCODING)) {
    res.contentEncoding = decodeLatin1(buf, from, to).toLowerCase();
  }
}

function parseContentLength(buf: Uint8Array, from: number, to: number, res: ParsedResponse): void {
  let value = 0;
  for (let i = from; i < to; i++) {
    if (!isDigit(buf[i]!)) throwMalformed("bad Content-Length", buf, from, to);
    value = value * 10 + buf[i]! - 48;
  }
  if (from === to || value > Number.MAX_SAFE_INTEGER || (res.contentLength >= 0 && res.contentLength !== value)) {
    throwMalformed("bad Content-Length", buf, from, to);
  }
  res.contentLength = value;
}

function parseTransferEncoding(buf: Uint8Array, from: number, to: number, res: ParsedResponse, flags: HeadFlags): void {
  const last = to - CHUNKED.length;
  const chunkedLast =
    last >= from && matchesLower(buf, last, CHUNKED) && (last === from || buf[last - 1] === SP || buf[last - 1] === COMMA);
  if (chunkedLast) res.chunked = true;
  else flags.otherTransferEncoding = true;
}

function parseConnection(buf: Uint8Array, from: number, to: number, flags: HeadFlags): void {
  const length = to - from;
  if (length === 5 && matchesLower(buf, from, CLOSE)) flags.connectionClose = true;
  else if (length === 10 && matchesLower(buf, from, KEEP_ALIVE)) flags.connectionKeepAlive = true;
  else {
    const tokens = decodeLatin1(buf, from, to).toLowerCase().split(",").map((t) => t.trim());
    if (tokens.includes("close")) flags.connectionClose = true;
    if (tokens.includes("keep-alive")) flags.connectionKeepAlive = true;
  }
}

/**
 * Parses a chunk-size line (`1a3f`, optionally followed by `;extensions`).
 * @throws HttpParseError for a missing or over-long size.
 */
export function parseChunkSizeLine(buf: Uint8Array, start: number, end: number): number {
  let size = 0;
  let i = start;
  for (; i < end; i++) {
    const byte = buf[i]!;
    const lower = byte | 0x20;
    const v = byte >= 48 && byte <= 57 ? byte - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
    if (v < 0) break;
    size = size * 16 + v;
  }
  const digits = i - start;
  while (i < end && (buf[i] === SP || buf[i] === HT)) i++;
  if (digits === 0 || digits > 13 || (i < end && buf[i] !== 59 /* ; */)) throwMalformed("bad chunk size", buf, start, end);
  return size;
}
