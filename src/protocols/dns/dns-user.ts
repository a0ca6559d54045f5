import { User } from "../../core/user/user.ts";
import type { Environment } from "../../core/environment.ts";
import { DNSClient } from "./client.ts";
import type { DohMethod } from "./doh-transport.ts";
import type { DnsTransport } from "./server-address.ts";

/**
 * A user that load-tests a DNS server through `this.client` ({@link DNSClient}). The server is the user's host
 * (`--host dns://127.0.0.1:5353`, `tcp://…`, or `https://…/dns-query` for DNS-over-HTTPS); the static settings
 * below are the defaults of every query.
 * @example
 * ```ts
 * export class Resolver extends DNSUser {
 *   static override host = "dns://127.0.0.1:53";
 *   @task async lookup() { await this.client.query("example.com", "A"); }
 * }
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.dns.DNSUser
 */
export class DNSUser extends User {
  static override abstract = true;
  /** Overrides the transport implied by the host's scheme. */
  static transport?: DnsTransport;
  /** Seconds to wait for each response. */
  static timeout = 5;
  /** A NOERROR response with no answer records counts as a success. */
  static allowEmpty = false;
  /** Response codes that are not failures. */
  static allowedRcodes: readonly string[] = ["NOERROR"];
  /** DoH: accept self-signed certificates. */
  static insecure = false;
  /** DoH: POST (default) or GET. */
  static dohMethod: DohMethod = "POST";

  /** The timed DNS client of this user. */
  readonly client: DNSClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof DNSUser;
    this.client = new DNSClient(this, {
      server: this.host,
      transport: cls.transport,
      timeout: cls.timeout,
      allowEmpty: cls.allowEmpty,
      allowedRcodes: cls.allowedRcodes,
      insecure: cls.insecure,
      dohMethod: cls.dohMethod,
    });
  }

  /** Loads the DNS library; an override must call `super.onStart()` (queries also load it on first use). */
  override async onStart(): Promise<void> {
    await this.client.connect();
  }

  /** Closes the client's sockets; an override must call `super.onStop()`. */
  override async onStop(): Promise<void> {
    await this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override async dispose(): Promise<void> {
    await this.client.close();
  }
}
