/**
 * The web UI's access guard for every route, the WebSocket upgrade and plugin routes.
 *
 * - `--web-auth user:password` alone: HTTP basic auth (401 with `WWW-Authenticate`).
 * - `--web-login`: a form login page; a successful login sets an HttpOnly session cookie (a random token kept in
 *   memory, so a restart logs everyone out). Credentials are checked by a function a locustfile sets with
 *   `environment.webUi.setLoginCheck(fn)` during `init`, else against `--web-auth`'s user:password. Basic auth
 *   with those credentials is still accepted, for scripts. Pages redirect to the login page; API routes and the
 *   WebSocket answer 401 (without `WWW-Authenticate`, so browsers show no password dialog).
 * - Wrong credentials, from the form or in a basic-auth header, count against the client's address in a
 *   {@link LoginThrottle}; while it must wait, its attempts answer 429 with `Retry-After` and are not checked.
 * @module
 */
import { timingSafeEqual } from "node:crypto";
import { formatRetryAfter, formatTooManyAttempts, LoginThrottle } from "./login-throttle.ts";

/** Checks a username and password from the login form. */
export type LoginCheck = (username: string, password: string) => boolean | Promise<boolean>;

/** Pages get a redirect to the login page; everything else a 401. */
export type AccessKind = "page" | "api";

/** Settings of an {@link AuthGuard}. */
export interface AuthSettings {
  /** `--web-auth`: "username:password". */
  webAuth?: string;
  /** `--web-login`. */
  webLogin: boolean;
  /** Prefix of every route ("" or "/something"). */
  basePath: string;
  /** Mark the session cookie `Secure` (served over HTTPS). */
  secureCookie: boolean;
  /** Monotonic milliseconds, for the login throttle. */
  nowMs: () => number;
}

/** What a login-form attempt came to. */
export type LoginResult = { token: string } | { failed: true } | { retryAfterMs: number };

/** Name of the session cookie set by the login page. */
const SESSION_COOKIE = "locust_bun_session";
const MAX_SESSIONS = 10_000;

/** Decides whether a request may pass; holds the login sessions. */
export class AuthGuard {
  /** Set by a locustfile (through `environment.webUi.setLoginCheck`) to check login-form credentials. */
  loginCheck: LoginCheck | undefined;
  readonly #settings: AuthSettings;
  readonly #credentials: { username: string; password: string } | undefined;
  readonly #sessions = new Set<string>();
  readonly #throttle: LoginThrottle;

  constructor(settings: AuthSettings) {
    this.#settings = settings;
    this.#credentials = parseCredentials(settings.webAuth);
    this.#throttle = new LoginThrottle(settings.nowMs);
  }

  /** True when any protection is on. */
  get enabled(): boolean {
    return this.#settings.webLogin || this.#credentials !== undefined;
  }

  /** True in login-page mode. */
  get usesLoginPage(): boolean {
    return this.#settings.webLogin;
  }

  /** Whether the login form can succeed at all (a check function or `--web-auth` credentials). */
  get hasLoginCredentials(): boolean {
    return this.loginCheck !== undefined || this.#credentials !== undefined;
  }

  /** null when `req` (from the address `client`) may pass; otherwise the response to send instead. */
  check(req: Request, kind: AccessKind, client: string): Response | null {
    if (!this.enabled) return null;
    const basic = this.#credentials && readBasicAuth(req);
    if (basic) {
      const waitMs = this.#throttle.waitMs(client);
      if (waitMs > 0) return tooManyAttempts(waitMs);
      if (this.#matchesCredentials(basic.username, basic.password)) {
        this.#throttle.recordSuccess(client);
        return null;
      }
      this.#throttle.recordFailure(client);
    }
    if (!this.#settings.webLogin) {
      return new Response("Unauthorized", {
        status: 401,
        headers: { "www-authenticate": 'Basic realm="locust-bun", charset="UTF-8"' },
      });
    }
    if (this.#sessions.has(readCookie(req, SESSION_COOKIE) ?? "")) return null;
    if (kind === "page") return new Response(null, { status: 302, headers: { location: `${this.#settings.basePath}/login` } });
    return new Response("Unauthorized", { status: 401 });
  }

  /** Checks login-form credentials from the address `client`; a success carries a new session token. */
  async login(username: string, password: string, client: string): Promise<LoginResult> {
    const waitMs = this.#throttle.waitMs(client);
    if (waitMs > 0) return { retryAfterMs: waitMs };
    const ok = this.loginCheck ? await this.loginCheck(username, password) : this.#matchesCredentials(username, password);
    if (!ok) {
      this.#throttle.recordFailure(client);
      return { failed: true };
    }
    this.#throttle.recordSuccess(client);
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    this.#sessions.add(token);
    if (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.values().next().value!);
    return { token };
  }

  /** Ends the session of `req`, if any. */
  logout(req: Request): void {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) this.#sessions.delete(token);
  }

  /** `Set-Cookie` value for a session token (an empty token expires the cookie). */
  formatSessionCookie(token: string): string {
    const parts = [`${SESSION_COOKIE}=${token}`, `Path=${this.#settings.basePath || "/"}`, "HttpOnly", "SameSite=Lax"];
    if (this.#settings.secureCookie) parts.push("Secure");
    if (token === "") parts.push("Max-Age=0");
    return parts.join("; ");
  }

  #matchesCredentials(username: string, password: string): boolean {
    if (!this.#credentials) return false;
    const userOk = safeEqual(username, this.#credentials.username);
    return safeEqual(password, this.#credentials.password) && userOk;
  }
}

function tooManyAttempts(waitMs: number): Response {
  return new Response(formatTooManyAttempts(waitMs), { status: 429, headers: { "retry-after": formatRetryAfter(waitMs) } });
}

function readBasicAuth(req: Request): { username: string; password: string } | undefined {
  const header = req.headers.get("authorization");
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function parseCredentials(webAuth: string | undefined): { username: string; password: string } | undefined {
  if (!webAuth) return undefined;
  const colon = webAuth.indexOf(":");
  if (colon <= 0) throw new Error("invalid value for --web-auth: expected 'username:password'");
  return { username: webAuth.slice(0, colon), password: webAuth.slice(colon + 1) };
}

/** Compares in constant time (over SHA-256 digests, so lengths do not leak either). */
function safeEqual(a: string, b: string): boolean {
  const digest = (text: string) => new Bun.CryptoHasher("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
