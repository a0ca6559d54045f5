import { isIP } from "node:net";

/** How a query travels: plain UDP, TCP with 2-byte length framing, or DNS-over-HTTPS (RFC 8484). */
export type DnsTransport = "udp" | "tcp" | "doh";

/** A parsed DNS server: an IP/host and port for UDP and TCP, or an https URL for DoH. */
export interface DnsServer {
  /** The transport the address implies (`dns://` and bare addresses: udp; `tcp://`: tcp; `https://`: doh). */
  transport: DnsTransport;
  /** Host name or IP address (brackets removed for IPv6). */
  host: string;
  port: number;
  /** The DoH endpoint, for `https://` servers. */
  url?: string;
}

const DEFAULT_PORT = 53;
const SCHEMES: Record<string, DnsTransport> = { "dns:": "udp", "udp:": "udp", "tcp:": "tcp", "https:": "doh" };

/**
 * Parses a DNS server address: `dns://127.0.0.1:5353`, `udp://…`, `tcp://[::1]:53`, `https://host/dns-query`, or a
 * bare `127.0.0.1`, `127.0.0.1:5353`, `::1`, `[::1]:5353`. Throws a plain Error with the accepted forms on bad input.
 * @example parseDnsServer("dns://127.0.0.1:5353") // { transport: "udp", host: "127.0.0.1", port: 5353 }
 */
export function parseDnsServer(text: string): DnsServer {
  const trimmed = text.trim();
  if (isIP(trimmed)) return { transport: "udp", host: trimmed, port: DEFAULT_PORT };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `dns://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`Invalid DNS server '${text}': use dns://IP[:port], tcp://IP[:port] or https://host/dns-query`);
  }
  const transport = SCHEMES[url.protocol];
  if (!transport || url.hostname === "") {
    throw new Error(`Invalid DNS server '${text}': use dns://IP[:port], tcp://IP[:port] or https://host/dns-query`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (transport === "doh") return { transport, host, port: Number(url.port || 443), url: url.href };
  return { transport, host, port: Number(url.port || DEFAULT_PORT) };
}
