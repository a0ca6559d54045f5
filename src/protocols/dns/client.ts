/**
 * @module DNSClient: timed DNS queries over UDP, TCP and DNS-over-HTTPS, each reported through `events.request`.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type * as DnsPacket from "dns-packet";
import { exchangeDoh, type DohMethod } from "./doh-transport.ts";
import { importDnsPacket, type DnsPacketModule } from "./import-dns-packet.ts";
import { DnsTimeoutError, findResponseFailure, type DnsResponse } from "./dns-response.ts";
import { parseDnsServer, type DnsServer, type DnsTransport } from "./server-address.ts";
import { exchangeTcp } from "./tcp-transport.ts";
import { UdpTransport } from "./udp-transport.ts";
import { LocustError } from "../../core/errors.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

/** The request type of every DNS query in the statistics (Locust's). */
export const DNS_REQUEST_TYPE = "DNS";

/** What this client needs from its user (a `User` fits). */
export type DNSClientOwner = ClientOwner;

/** Defaults of every query of a client; each can be overridden per query. */
export interface DNSClientSettings {
  /** `dns://IP[:port]` (UDP), `tcp://IP[:port]`, `https://host/dns-query` (DoH) or a bare `IP[:port]`. */
  server?: string;
  /** Overrides the transport implied by the server address. */
  transport?: DnsTransport;
  /** Seconds to wait for the response (one try, no retransmission). Default 5. */
  timeout?: number;
  /** A NOERROR response with no answer records is a success. Default false (Locust counts it as a failure). */
  allowEmpty?: boolean;
  /** Response codes that are not failures. Default `["NOERROR"]`. */
  allowedRcodes?: readonly string[];
  /** DoH: accept self-signed or otherwise untrusted certificates. Default false. */
  insecure?: boolean;
  /** DoH: send the query as a POST body (default) or as `GET ?dns=<base64url>`. */
  dohMethod?: DohMethod;
  /** Set the RD (recursion desired) flag. Default true. */
  recursionDesired?: boolean;
}

/** Per-query options: any client setting, plus the name the query is reported under. */
export interface DnsQueryOptions extends DNSClientSettings {
  /** Statistics name; default `"<type> <name>"`, e.g. `"A example.com"`. */
  requestName?: string;
}

interface QueryOutcome {
  response: DnsResponse | undefined;
  responseLength: number;
  exception: unknown;
}
type ResolvedSettings = Required<Omit<DNSClientSettings, "server" | "transport">> & DNSClientSettings;

const DEFAULTS = {
  timeout: 5,
  allowEmpty: false,
  allowedRcodes: ["NOERROR"],
  insecure: false,
  dohMethod: "POST",
  recursionDesired: true,
} satisfies DNSClientSettings;

/**
 * A DNS client whose every query is timed and reported as request type `"DNS"`, name `"<type> <name>"` (e.g.
 * `"A example.com"`; Locust names it after the dnspython function, `"udp"` or `"tcp"`, which hides what was asked),
 * response length = bytes of the DNS response (Locust: 0). NXDOMAIN, SERVFAIL, REFUSED (any code outside
 * `allowedRcodes`), an empty answer section (unless `allowEmpty`), a timeout or a network error are counted
 * failures. One try per query, no retransmission; TCP opens a connection per query.
 * @example
 * ```ts
 * const reply = await this.client.query("example.com", "AAAA", { transport: "tcp" });
 * ```
 * @see https://docs.locust.io/en/stable/api.html#locust.contrib.dns.DNSUser
 */
export class DNSClient {
  /** The defaults every query starts from; mutable, so a locustfile can change them at run time. */
  readonly settings: ResolvedSettings;
  readonly #owner: DNSClientOwner;
  readonly #udp = new UdpTransport();
  readonly #addresses = new Map<string, Promise<string>>();
  readonly #servers = new Map<string, DnsServer>();
  #packet: DnsPacketModule | undefined;

  constructor(owner: DNSClientOwner, settings: DNSClientSettings = {}) {
    this.#owner = owner;
    this.settings = { ...DEFAULTS, ...withoutUndefined(settings) };
  }

  /** Loads `dns-packet`. Sockets are opened by the first query. Called before a `DNSUser` starts; safe to call twice. */
  async connect(): Promise<void> {
    this.#packet ??= await importDnsPacket();
  }

  /** Closes the UDP sockets; queries still in flight reject. */
  async close(): Promise<void> {
    await this.#udp.close();
  }

  /**
   * Sends one query, times it and reports it. Resolves with the decoded response whenever one arrived — also when
   * the response counts as a failure (say NXDOMAIN), so the caller can inspect it — and with `undefined` when none
   * did (timeout, network error). Rejects only when the user's abort signal fired (the user is being stopped).
   */
  async query(name: string, type = "A", options: DnsQueryOptions = {}): Promise<DnsResponse | undefined> {
    this.#packet ??= await importDnsPacket();
    const settings = mergeSettings(this.settings, options);
    const userSignal = this.#owner.signal;
    userSignal.throwIfAborted();
    const query = this.#packet.encode({
      type: "query",
      id: 0,
      flags: settings.recursionDesired ? this.#packet.RECURSION_DESIRED : 0,
      questions: [{ type: type as DnsPacket.RecordType, name }],
    });
    // dns-packet encodes a type it does not know as 0: a typo must not become a silent "no answer" on every query.
    if (query.readUInt16BE(query.length - 4) === 0) {
      throw new LocustError(`Unknown DNS record type '${type}'`, { code: "DNS_UNKNOWN_TYPE", hint: "Use a type such as A, AAAA, MX, TXT, NS or SRV" });
    }
    const requestName = options.requestName ?? `${type} ${name}`;
    const measureOptions = { signal: userSignal, context: this.#owner.context() };
    return this.#owner.environment.events.request.measure(DNS_REQUEST_TYPE, requestName, async (meta) => {
      const outcome = await this.#attempt(query, settings, userSignal);
      meta.responseLength = outcome.responseLength;
      meta.exception = outcome.exception;
      meta.response = outcome.response;
      return outcome.response;
    }, measureOptions);
  }

  /** Exchanges and decodes one query; only the user's own abort escapes (as its reason). */
  async #attempt(query: Uint8Array, settings: ResolvedSettings, userSignal: AbortSignal): Promise<QueryOutcome> {
    const deadline = AbortSignal.timeout(settings.timeout * 1000);
    const signal = AbortSignal.any([userSignal, deadline]);
    try {
      const reply = await this.#exchange(query, settings, signal);
      const bytes = Buffer.from(reply.buffer, reply.byteOffset, reply.length);
      const response = this.#packet!.decode(bytes) as unknown as DnsResponse;
      return { response, responseLength: reply.length, exception: findResponseFailure(response, settings) };
    } catch (error) {
      if (userSignal.aborted) throw userSignal.reason;
      const timedOut = deadline.aborted;
      const exception = timedOut ? new DnsTimeoutError(`No DNS response within ${settings.timeout} s`) : error;
      return { response: undefined, responseLength: 0, exception };
    }
  }

  async #exchange(query: Uint8Array, settings: ResolvedSettings, signal: AbortSignal): Promise<Uint8Array> {
    const server = this.#server(settings.server);
    const transport = settings.transport ?? server.transport;
    if (transport === "doh") {
      if (!server.url) throw new Error(`DoH needs an https:// server URL, got '${settings.server}'`);
      return exchangeDoh(query, server.url, { method: settings.dohMethod, insecure: settings.insecure, signal });
    }
    if (server.url) throw new Error(`${transport.toUpperCase()} needs a dns:// or IP server, got '${settings.server}'`);
    if (transport === "tcp") return exchangeTcp(query, server.host, server.port, signal);
    return this.#udp.exchange(query, await this.#address(server.host), server.port, signal);
  }

  /** Parsed once per distinct address, off the per-query path. */
  #server(text: string | undefined): DnsServer {
    if (!text) throw new Error("No DNS server: pass --host dns://IP:port (or https://…/dns-query) or set the user's host");
    let server = this.#servers.get(text);
    if (!server) {
      server = parseDnsServer(text);
      this.#servers.set(text, server);
    }
    return server;
  }

  /** UDP sockets send to IP addresses only: a host name is looked up once per client. */
  #address(host: string): Promise<string> {
    if (isIP(host)) return Promise.resolve(host);
    let address = this.#addresses.get(host);
    if (!address) {
      address = lookup(host).then((found) => found.address);
      address.catch(() => this.#addresses.delete(host));
      this.#addresses.set(host, address);
    }
    return address;
  }
}


/** The client's settings with the query's overrides; no copy when the query overrides nothing (the usual case). */
function mergeSettings(base: ResolvedSettings, options: DnsQueryOptions): ResolvedSettings {
  let merged: ResolvedSettings | undefined;
  for (const key in options) {
    const value = options[key as keyof DnsQueryOptions];
    if (value === undefined || key === "requestName") continue;
    merged ??= { ...base };
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged ?? base;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
