/**
 * Request heads as bytes. The common case — a method and URL with only the session's fixed headers — is encoded
 * once and reused from a small per-session cache, so the per-request path builds no strings.
 * @module
 */
import type { OutgoingHop } from "./outgoing-request.ts";
import type { OriginPool } from "./pool.ts";

const utf8 = new TextEncoder();
const EMPTY_BODY = new Uint8Array(0);
/** Methods that announce an empty body with `Content-Length: 0` when none is given, as most clients do. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** The body to send when the caller gave none: empty (with `Content-Length: 0`) for POST/PUT/PATCH, else none. */
export function defaultBody(wireMethod: string): Uint8Array | null {
  return BODY_METHODS.has(wireMethod) ? EMPTY_BODY : null;
}
const FORBIDDEN_IN_HEADER = /[\r\n\0]/;

/** `Name: value\r\n` lines for `headers`; throws on a name or value that could split the head. */
export function formatHeaderLines(headers: Iterable<readonly [string, string]>): string {
  let lines = "";
  for (const [name, value] of headers) {
    if (!name || FORBIDDEN_IN_HEADER.test(name) || FORBIDDEN_IN_HEADER.test(value) || name.includes(":")) {
      throw new TypeError(`Invalid request header ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    }
    lines += `${name}: ${value}\r\n`;
  }
  return lines;
}

/**
 * Encodes a request: request line, `Host`, the given header lines, `Content-Length` when there is a body, the blank
 * line and the body, in one buffer so it goes out in one write.
 * @param headerLines pre-formatted `Name: value\r\n` lines (see {@link formatHeaderLines}).
 */
export function encodeRequest(method: string, path: string, hostHeader: string | null, headerLines: string, body: Uint8Array | null): Uint8Array {
  let head = `${method} ${path} HTTP/1.1\r\n`;
  if (hostHeader !== null) head += `Host: ${hostHeader}\r\n`;
  head += headerLines;
  if (body !== null) head += `Content-Length: ${body.length}\r\n`;
  head += "\r\n";
  if (body === null || body.length === 0) return utf8.encode(head);
  const out = new Uint8Array(Buffer.byteLength(head) + body.length);
  const { written } = utf8.encodeInto(head, out);
  out.set(body, written);
  return out;
}

/** At most this many prepared requests per method; a session hitting more distinct URLs just re-encodes. */
const MAX_ENTRIES = 64;

/** A session's cache of prepared requests, keyed by method and by the URL string exactly as the caller passed it. */
export class RequestEncoder {
  #fixedLines: string;
  readonly #get = new Map<string, OutgoingHop>();
  #byMethod: Map<string, Map<string, OutgoingHop>> | undefined;

  /** @param fixedLines header lines sent with every request (user agent, default headers, session auth). */
  constructor(fixedLines: string) {
    this.#fixedLines = fixedLines;
  }

  /** The header lines sent with every request. */
  get fixedLines(): string {
    return this.#fixedLines;
  }

  /** Replaces the fixed header lines and forgets every prepared request. */
  setFixedLines(lines: string): void {
    this.#fixedLines = lines;
    this.clear();
  }

  /** The prepared request for `method` + `url`, if cached. Called on the per-request path: two map lookups at most. */
  lookup(method: string, url: string): OutgoingHop | undefined {
    if (method === "GET") return this.#get.get(url);
    return this.#byMethod?.get(method)?.get(url);
  }

  /** Encodes and caches the request for `method` + `key` (the URL as the caller passed it) going to `url`. */
  prepare(method: string, key: string, url: URL, pool: OriginPool): OutgoingHop {
    // Sent upper-case as every HTTP client does (`get` would be refused); the cache and the stats keep the caller's.
    const wire = method.toUpperCase();
    const head = encodeRequest(wire, url.pathname + url.search, pool.origin.hostHeader, this.#fixedLines, defaultBody(wire));
    const hop: OutgoingHop = { method: wire, href: url.href, url, pool, bytes: head, headerLines: this.#fixedLines, noBody: wire === "HEAD", body: null, headers: null };
    let map = method === "GET" ? this.#get : this.#byMethod?.get(method);
    if (map === undefined) (this.#byMethod ??= new Map()).set(method, (map = new Map()));
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, hop);
    return hop;
  }

  /** Forgets every prepared request (e.g. after the base URL changed). */
  clear(): void {
    this.#get.clear();
    this.#byMethod = undefined;
  }
}
