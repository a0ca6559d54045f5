import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { DNSClient } from "./client.ts";
import type { DohMethod } from "./doh-transport.ts";
import type { DnsTransport } from "./server-address.ts";

const SETTINGS = ["transport", "timeout", "allowEmpty", "allowedRcodes", "insecure", "dohMethod"] as const;

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
export class DNSUser extends ProtocolUser<DNSClient> {
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

  protected override createClient(settings: typeof DNSUser): DNSClient {
    return new DNSClient(this, { ...pickSettings(settings, SETTINGS), server: this.host });
  }
}
