import { ProtocolUser } from "../../core/user/protocol-user.ts";
import { DEFAULT_MAX_BODY_SIZE } from "../http-shared/index.ts";
import { HttpSession } from "./session.ts";

/**
 * A user that makes HTTP requests through `this.client`, an {@link HttpSession} on Bun's `fetch` with its own
 * cookies. Construction does no I/O and never throws: a user without a host fails on its first relative request
 * with Locust's "You must specify the base host…" error, and absolute URLs work without a host.
 * @example
 * ```ts
 * export class WebsiteUser extends HttpUser {
 *   static override host = "http://127.0.0.1:8080";
 *   waitTime = between(1, 2);
 *   @task async index() { await this.client.get("/"); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#httpuser-class
 */
export class HttpUser extends ProtocolUser<HttpSession> {
  static override abstract = true;
  /**
   * Skip TLS certificate checks (for self-signed test servers). Off by default, as in Locust's HttpUser, which
   * verifies like python-requests; the same as setting `this.client.verify = false`.
   */
  static insecure = false;
  /** Bytes a response body may have once decoded (gzip, br … undone) before the request fails (100 MiB). */
  static maxBodySize = DEFAULT_MAX_BODY_SIZE;
  protected override createClient(settings: typeof HttpUser): HttpSession {
    const client = new HttpSession({ baseUrl: this.host, requestEvent: this.environment.events.request, user: this });
    client.verify = !settings.insecure;
    client.maxBodySize = settings.maxBodySize;
    return client;
  }
}
