/** One resource record of a decoded response (dns-packet's shape: `data` is a string for A/AAAA/CNAME/NS/PTR). */
export interface DnsRecord {
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  /** A/AAAA/CNAME: a string; MX: `{ preference, exchange }`; SRV: `{ priority, weight, port, target }`; TXT: Buffer[]. */
  data?: unknown;
}

/** A decoded DNS response, as returned by `DNSClient.query`. */
export interface DnsResponse {
  id: number;
  /** Header flags bit mask (dns-packet's constants: TRUNCATED_RESPONSE, RECURSION_AVAILABLE, …). */
  flags: number;
  /** Response code name: `"NOERROR"`, `"NXDOMAIN"`, `"SERVFAIL"`, `"REFUSED"`, … */
  rcode: string;
  questions: { name: string; type: string; class?: string }[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

/** A response that is a failure by the client's rules: a response code not allowed, or an empty answer section. */
export class DnsError extends Error {
  override name = "DnsError";
  constructor(
    message: string,
    /** The response code of the failing response. */
    readonly rcode: string,
  ) {
    super(message);
  }
}

/** No response arrived within the query's timeout. */
export class DnsTimeoutError extends Error {
  override name = "DnsTimeoutError";
}

/** What makes a response a failure (see `DNSClientSettings`). */
export interface DnsResponseRules {
  allowEmpty: boolean;
  allowedRcodes: readonly string[];
}

/**
 * The failure a response stands for, or null when it is a success: a response code outside `allowedRcodes`
 * (default NOERROR only, so NXDOMAIN, SERVFAIL and REFUSED fail), else a NOERROR response with an empty answer
 * section unless `allowEmpty` (Locust's "No answer in DNS response"). An allowed non-NOERROR code (say NXDOMAIN) is
 * a success even though its answer section is empty.
 */
export function findResponseFailure(response: DnsResponse, rules: DnsResponseRules): DnsError | null {
  if (!rules.allowedRcodes.includes(response.rcode)) {
    return new DnsError(`DNS response code ${response.rcode}`, response.rcode);
  }
  if (response.rcode === "NOERROR" && response.answers.length === 0 && !rules.allowEmpty) {
    return new DnsError("No answer in DNS response", response.rcode);
  }
  return null;
}
