/** HTTP method of a DNS-over-HTTPS query: POST sends the message as the body, GET as `?dns=<base64url>`. */
export type DohMethod = "POST" | "GET";

const MEDIA_TYPE = "application/dns-message";

/** Options of {@link exchangeDoh}. */
export interface DohExchangeOptions {
  method: DohMethod;
  /** Accept self-signed or otherwise untrusted certificates (test servers). */
  insecure: boolean;
  signal: AbortSignal;
}

/**
 * Sends one DNS-over-HTTPS query (RFC 8484) with fetch and resolves with the reply's bytes. The message id is set
 * to 0, as RFC 8484 §4.1 recommends for cache friendliness. A non-2xx status or another content type rejects.
 */
export async function exchangeDoh(query: Uint8Array, url: string, options: DohExchangeOptions): Promise<Uint8Array> {
  query[0] = 0;
  query[1] = 0;
  const init: RequestInit & { tls?: { rejectUnauthorized: boolean } } = {
    method: options.method,
    headers: options.method === "POST" ? { "content-type": MEDIA_TYPE, accept: MEDIA_TYPE } : { accept: MEDIA_TYPE },
    signal: options.signal,
  };
  if (options.insecure) init.tls = { rejectUnauthorized: false };
  let target = url;
  if (options.method === "POST") init.body = query as Uint8Array<ArrayBuffer>;
  else target = `${url}${url.includes("?") ? "&" : "?"}dns=${Buffer.from(query).toString("base64url")}`;
  const response = await fetch(target, init);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`DoH server answered HTTP ${response.status}`);
  }
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith(MEDIA_TYPE)) {
    await response.body?.cancel();
    throw new Error(`DoH server answered with content type '${type}', not ${MEDIA_TYPE}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
