/**
 * @module A DNS-over-HTTPS (RFC 8484) test server: Bun.serve with TLS (the self-signed certificate for 127.0.0.1 of
 * `self-signed-certificate.ts`) on `/dns-query`, forwarding each wire message over UDP to an upstream such as dnsmasq.
 */
import { createSelfSignedCertificate } from "./self-signed-certificate.ts";

/** One request the server received. */
export interface DohRequest {
  method: string;
  contentType: string | null;
}

/** A running DoH server; `await using` stops it. */
export interface DohServer {
  readonly port: number;
  /** `https://127.0.0.1:<port>/dns-query` */
  readonly url: string;
  readonly requests: DohRequest[];
  /** The next request is answered with this HTTP status and no DNS message. */
  failNext(status: number): void;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const MEDIA_TYPE = "application/dns-message";

/** Starts the server on 127.0.0.1, port 0, forwarding to `upstreamPort` on 127.0.0.1 over UDP. */
export async function startDohServer(upstreamPort: number): Promise<DohServer> {
  const tls = await createSelfSignedCertificate();
  const requests: DohRequest[] = [];
  const failures: number[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls,
    routes: {
      "/dns-query": async (request) => {
        requests.push({ method: request.method, contentType: request.headers.get("content-type") });
        const status = failures.shift();
        if (status !== undefined) return new Response("failing on purpose", { status });
        const query = await readQuery(request);
        if (!query) return new Response("no DNS message", { status: 400 });
        const reply = await forwardUdp(query, upstreamPort);
        return new Response(reply, { headers: { "content-type": MEDIA_TYPE } });
      },
    },
  });
  const stop = async (): Promise<void> => void (await server.stop(true));
  return {
    port: server.port!,
    url: `https://127.0.0.1:${server.port}/dns-query`,
    requests,
    failNext: (status) => void failures.push(status),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function readQuery(request: Request): Promise<Uint8Array | null> {
  if (request.method === "POST") return new Uint8Array(await request.arrayBuffer());
  const encoded = new URL(request.url).searchParams.get("dns");
  return encoded ? new Uint8Array(Buffer.from(encoded, "base64url")) : null;
}

/** One socket per forwarded query keeps concurrent id-0 queries (RFC 8484 clients use id 0) apart. */
async function forwardUdp(query: Uint8Array, port: number): Promise<Uint8Array<ArrayBuffer>> {
  const { promise, resolve } = Promise.withResolvers<Uint8Array<ArrayBuffer>>();
  const socket = await Bun.udpSocket({
    hostname: "127.0.0.1",
    socket: { data: (_socket, bytes) => resolve(new Uint8Array(bytes)) },
  });
  try {
    socket.send(query, port, "127.0.0.1");
    return await promise;
  } finally {
    socket.close();
  }
}
