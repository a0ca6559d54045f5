import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { DEFAULT_MAX_BODY_SIZE } from "../http-shared/index.ts";
import type { HttpMethod, RequestOptions } from "../http-shared/index.ts";
import type { FastResponse } from "./fast-response.ts";
import type { RestCallback } from "./rest.ts";
import { FastHttpSession } from "./session.ts";

const SETTINGS = [
  "networkTimeout", "connectionTimeout", "maxRedirects", "maxRetries", "insecure", "defaultHeaders", "concurrency",
  "maxBodySize",
] as const;

/**
 * A user whose `this.client` is a {@link FastHttpSession}: its own keep-alive connections (up to `concurrency` per
 * origin) on a hand-written HTTP/1.1 client, for the most requests per core. Construction does no I/O; the
 * connections close when the user ends (in `dispose`, so overriding `onStop` cannot leak them).
 * @example
 * ```ts
 * export class ApiUser extends FastHttpUser {
 *   static override host = "http://127.0.0.1:8080";
 *   static override concurrency = 4;
 *   @task async items() { await this.client.get("/items", { params: { page: 1 } }); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/increase-performance.html
 */
export class FastHttpUser extends ProtocolUser<FastHttpSession> {
  static override abstract = true;
  /** Seconds a whole response may take (for a streamed body: its head, then the silence between bytes). */
  static networkTimeout = 60;
  /** Seconds to establish a connection. */
  static connectionTimeout = 60;
  /** Redirects followed before the request fails. */
  static maxRedirects = 30;
  /** Retries after a connection error. */
  static maxRetries = 0;
  /** Skip TLS certificate verification (Locust's default). */
  static insecure = true;
  /** Headers added to every request. */
  static defaultHeaders: Record<string, string> | undefined;
  /** Connections per origin in this user's pool. */
  static concurrency = 10;
  /** Bytes a response body may decode to (gzip, deflate, br undone) before the request fails (100 MiB). */
  static maxBodySize = DEFAULT_MAX_BODY_SIZE;

  protected override createClient(settings: typeof FastHttpUser): FastHttpSession {
    return new FastHttpSession({
      ...pickSettings(settings, SETTINGS),
      baseUrl: this.host,
      requestEvent: this.environment.events.request,
      user: this,
    });
  }

  /**
   * Locust's `FastHttpUser.rest()`: a JSON request whose response is caught, with `response.js` parsed, and whose
   * `callback` may fail it (see {@link FastHttpSession.rest}; also reachable as `this.client.rest`).
   * @example
   * ```ts
   * await this.rest("POST", "/post", { json: { foo: 1 } }, (resp) => {
   *   if (resp.js?.data?.foo !== 1) resp.failure(`Unexpected value of foo in response ${resp.text}`);
   * });
   * ```
   */
  rest(method: HttpMethod, url: string, options?: RequestOptions, callback?: RestCallback): Promise<FastResponse> {
    return this.client.rest(method, url, options, callback);
  }

  /** Locust's `FastHttpUser.rest_()`: {@link FastHttpUser.rest} with a cache-busting `_=<epoch ms>` parameter. */
  rest_(method: HttpMethod, url: string, options?: RequestOptions, callback?: RestCallback): Promise<FastResponse> {
    return this.client.rest_(method, url, options, callback);
  }
}
