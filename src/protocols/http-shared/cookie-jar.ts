/**
 * A per-user cookie jar (RFC 6265 storage and matching): Set-Cookie parsing with Domain, Path, Expires, Max-Age
 * and Secure, and the Cookie header for the next request. Bun's `CookieMap` is a server-side map without domain
 * or path matching, and `Bun.Cookie.parse` reports a default path it cannot tell from an explicit one, so this
 * jar parses for itself.
 * @module
 */

/** One stored cookie. `expires` is epoch milliseconds (undefined: a session cookie). */
export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  /** True when the cookie had no Domain attribute: it goes back only to the exact host. */
  hostOnly: boolean;
  path: string;
  expires: number | undefined;
  secure: boolean;
  httpOnly: boolean;
}

const IP_HOST = /^(\d+\.){3}\d+$|^\[?[0-9a-f:]+\]?$/i;

function defaultPath(pathname: string): string {
  if (!pathname.startsWith("/")) return "/";
  const slash = pathname.lastIndexOf("/");
  return slash <= 0 ? "/" : pathname.slice(0, slash);
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith("." + domain) && !IP_HOST.test(host));
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function applyAttribute(cookie: StoredCookie, key: string, value: string, now: number, state: { maxAge: boolean }): void {
  if (key === "max-age" && /^-?\d+$/.test(value)) {
    const seconds = Number(value);
    cookie.expires = seconds <= 0 ? 0 : now + seconds * 1000;
    state.maxAge = true;
  } else if (key === "expires" && !state.maxAge) {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) cookie.expires = at;
  } else if (key === "domain" && value) {
    cookie.domain = value.replace(/^\./, "").toLowerCase();
    cookie.hostOnly = false;
  } else if (key === "path") {
    cookie.path = value.startsWith("/") ? value : cookie.path;
  } else if (key === "secure") {
    cookie.secure = true;
  } else if (key === "httponly") {
    cookie.httpOnly = true;
  }
}

/**
 * Parses one Set-Cookie header received from `url`; null when the header is malformed or its Domain does not
 * cover the host (RFC 6265 §5.2–5.3).
 */
export function parseSetCookie(header: string, url: URL, now = Date.now()): StoredCookie | null {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  if (!name) return null;
  const host = url.hostname.toLowerCase();
  const cookie: StoredCookie = {
    name,
    value: pair.slice(eq + 1).trim(),
    domain: host,
    hostOnly: true,
    path: defaultPath(url.pathname),
    expires: undefined,
    secure: false,
    httpOnly: false,
  };
  const state = { maxAge: false };
  for (const attribute of attributes) {
    const at = attribute.indexOf("=");
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    applyAttribute(cookie, key, at < 0 ? "" : attribute.slice(at + 1).trim(), now, state);
  }
  if (!cookie.hostOnly && !domainMatches(host, cookie.domain)) return null;
  return cookie;
}

/**
 * The cookies of one user, kept across requests and redirects like a browser (or a requests Session) does.
 * @example
 * ```ts
 * this.client.cookies.set("session", "abc123", { domain: "shop.example" });
 * ```
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Stores every Set-Cookie header of a response received from `url`. */
  storeFromHeaders(headers: Headers, url: URL, now = Date.now()): void {
    for (const header of headers.getSetCookie()) this.storeHeader(header, url, now);
  }

  /** Stores (or, when expired, removes) the cookie of one Set-Cookie header. */
  storeHeader(header: string, url: URL, now = Date.now()): void {
    const cookie = parseSetCookie(header, url, now);
    if (cookie) this.store(cookie, now);
  }

  /** Stores a parsed cookie; an already-expired one deletes its namesake instead. */
  store(cookie: StoredCookie, now = Date.now()): void {
    const key = `${cookie.domain};${cookie.path};${cookie.name}`;
    if (cookie.expires !== undefined && cookie.expires <= now) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
  }

  /** Sets a cookie by hand; without `domain` it is sent to every host. */
  set(name: string, value: string, options: { domain?: string; path?: string } = {}): void {
    const domain = options.domain?.replace(/^\./, "").toLowerCase() ?? "";
    this.store({ name, value, domain, hostOnly: false, path: options.path ?? "/", expires: undefined, secure: false, httpOnly: false });
  }

  /** The value of the first live cookie called `name` (optionally for one domain). */
  get(name: string, domain?: string, now = Date.now()): string | undefined {
    for (const cookie of this.#cookies.values()) {
      if (cookie.name !== name || (domain !== undefined && cookie.domain !== domain)) continue;
      if (cookie.expires === undefined || cookie.expires > now) return cookie.value;
    }
    return undefined;
  }

  /** The live cookies that go to `url`, longest path first, then oldest first (RFC 6265 §5.4). */
  cookiesFor(url: URL, now = Date.now()): StoredCookie[] {
    if (this.#cookies.size === 0) return [];
    const host = url.hostname.toLowerCase();
    const secure = url.protocol === "https:";
    const path = url.pathname || "/";
    const matching: StoredCookie[] = [];
    for (const cookie of this.#cookies.values()) {
      if (cookie.expires !== undefined && cookie.expires <= now) continue;
      if (cookie.secure && !secure) continue;
      const hostOk = cookie.domain === "" || (cookie.hostOnly ? host === cookie.domain : domainMatches(host, cookie.domain));
      if (hostOk && pathMatches(path, cookie.path)) matching.push(cookie);
    }
    return matching.sort((a, b) => b.path.length - a.path.length);
  }

  /** The Cookie header value for `url`, with `extra` cookies (per request) overriding same-named ones; "" when none. */
  formatCookieHeader(url: URL, extra?: Record<string, string>, now = Date.now()): string {
    const pairs: string[] = [];
    for (const cookie of this.cookiesFor(url, now)) {
      if (!extra || !Object.hasOwn(extra, cookie.name)) pairs.push(`${cookie.name}=${cookie.value}`);
    }
    if (extra) for (const name in extra) pairs.push(`${name}=${extra[name]}`);
    return pairs.join("; ");
  }

  /** Removes every cookie (or only those called `name`). */
  clear(name?: string): void {
    if (name === undefined) return this.#cookies.clear();
    for (const [key, cookie] of this.#cookies) if (cookie.name === name) this.#cookies.delete(key);
  }

  /** Number of stored cookies (expired ones included until they are replaced). */
  get size(): number {
    return this.#cookies.size;
  }

  /** Every stored cookie. */
  [Symbol.iterator](): IterableIterator<StoredCookie> {
    return this.#cookies.values();
  }
}
