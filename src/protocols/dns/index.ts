/**
 * @module locust-bun/dns — DNSUser: load-test DNS servers over UDP, TCP and DNS-over-HTTPS (needs `dns-packet`).
 */
export { DNSUser } from "./dns-user.ts";
export {
  DNSClient,
  DNS_REQUEST_TYPE,
  type DNSClientOwner,
  type DNSClientSettings,
  type DnsQueryOptions,
} from "./client.ts";
export { DnsError, DnsTimeoutError, type DnsRecord, type DnsResponse } from "./dns-response.ts";
export type { DohMethod } from "./doh-transport.ts";
export { parseDnsServer, type DnsServer, type DnsTransport } from "./server-address.ts";
