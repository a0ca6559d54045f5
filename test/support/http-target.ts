/**
 * A real Bun.serve target for the HTTP protocol tests, with routes modelled on Locust's `testcases.py`. It counts
 * every request by method and path so tests can check what the server really saw.
 * @module
 */
import type { Server } from "bun";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without "?" ("" when none). */
  query: string;
  headers: Record<string, string>;
  bodyLength: number;
}

/** A running target; `await using target = startHttpTarget()` stops it (and any hanging responses). */
export interface HttpTarget extends AsyncDisposable {
  /** "http://127.0.0.1:PORT" (https with `tls`). */
  readonly url: string;
  readonly port: number;
  readonly server: Server<undefined>;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** How many requests with this method and path arrived. */
  hits(method: string, path: string): number;
  /** Answers every request hanging on `/never` with 200 "released". */
  releaseHanging(): void;
  /** Resolves once `count` requests with this method and path have arrived. */
  waitForHits(method: string, path: string, count?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startHttpTarget}. */
export interface HttpTargetOptions {
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string; key: string };
}

type Handler = (req: Request, url: URL, body: Uint8Array) => Response | Promise<Response>;

const ULTRA_FAST = "This is an ultra fast response";
/** The text `/gzip` compresses. */
export const GZIP_TEXT = "compressed hello ".repeat(64);
/** The chunks `/chunked` streams (no Content-Length). */
export const CHUNKS = ["first chunk,", "second chunk,", "last chunk"];

function redirect(location: string, status = 302, headers: HeadersInit = {}): Response {
  return new Response(null, { status, headers: { ...headers, location } });
}

function echo(req: Request, url: URL, body: Uint8Array): Response {
  return Response.json({
    method: req.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers: Object.fromEntries(req.headers),
    body: new TextDecoder().decode(body),
    bodyLength: body.length,
  });
}

/** The deterministic payload of `/bytes/:n`: byte i is i % 251. */
export function patternBytes(n: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = i % 251;
  return bytes;
}

function chunked(): Response {
  // A "direct" stream flushed per chunk makes Bun send Transfer-Encoding: chunked instead of buffering a length.
  const stream = new ReadableStream({
    type: "direct",
    async pull(controller: { write(chunk: string): void; flush(): unknown; close(): void }) {
      for (const chunk of CHUNKS) {
        controller.write(chunk);
        await controller.flush();
      }
      controller.close();
    },
  } as unknown as UnderlyingSource<Uint8Array>);
  return new Response(stream, { headers: { "content-type": "text/plain" } });
}

function basicAuth(req: Request, url: URL): Response {
  const [, , user = "", pass = ""] = url.pathname.split("/");
  const expected = "Basic " + btoa(`${user}:${pass}`);
  if (req.headers.get("authorization") === expected) return new Response("authorized");
  return new Response("unauthorized", { status: 401, headers: { "www-authenticate": 'Basic realm="test"' } });
}

function setCookies(url: URL, location?: string): Response {
  const headers = new Headers();
  for (const [name, value] of url.searchParams) headers.append("set-cookie", `${name}=${value}; Path=/`);
  if (location) headers.set("location", location);
  return new Response(location ? null : "cookies set", { status: location ? 302 : 200, headers });
}

function createRoutes(hanging: Set<() => void>): Map<string, Handler> {
  return new Map<string, Handler>([
    ["/ultra_fast", () => new Response(ULTRA_FAST)],
    ["/fail", () => new Response("This response failed", { status: 500 })],
    ["/status", (_req, url) => new Response(`status ${url.pathname.split("/")[2]}`, { status: Number(url.pathname.split("/")[2]) })],
    ["/redirect", (_req, url) => redirect(url.searchParams.get("url") ?? "/ultra_fast", Number(url.searchParams.get("code") ?? 302))],
    ["/redirect-chain", (_req, url) => {
      const n = Number(url.pathname.split("/")[2] ?? 0);
      return n > 0 ? redirect(`/redirect-chain/${n - 1}`) : new Response("end of chain");
    }],
    ["/redirect-set-cookie", (_req, url) => setCookies(url, "/echo")],
    ["/set-cookie", (_req, url) => setCookies(url)],
    ["/echo", echo],
    ["/rest", (req, _url, body) =>
      req.method === "GET" ? Response.json({ ok: true, items: [1, 2, 3] }) : Response.json({ received: JSON.parse(new TextDecoder().decode(body) || "null") })],
    ["/basic-auth", basicAuth],
    ["/slow", async (_req, url) => {
      await Bun.sleep(Number(url.searchParams.get("ms") ?? 100));
      return new Response("slow");
    }],
    ["/never", () => new Promise<Response>((resolve) => hanging.add(() => resolve(new Response("released"))))],
    ["/bytes", (_req, url) => new Response(patternBytes(Number(url.pathname.split("/")[2] ?? 0)), { headers: { "content-type": "application/octet-stream" } })],
    ["/gzip", () => new Response(Bun.gzipSync(new TextEncoder().encode(GZIP_TEXT)), { headers: { "content-encoding": "gzip", "content-type": "text/plain" } })],
    ["/chunked", chunked],
    ["/latin1", () => new Response(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), { headers: { "content-type": "text/plain; charset=ISO-8859-1" } })],
  ]);
}

/** Starts the target on a free port of 127.0.0.1. */
export function startHttpTarget(options: HttpTargetOptions = {}): HttpTarget {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  const waiters = new Set<() => void>();
  const routes = createRoutes(hanging);
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    tls: options.tls,
    async fetch(req) {
      const url = new URL(req.url);
      const body = new Uint8Array(await req.arrayBuffer());
      requests.push({ method: req.method, path: url.pathname, query: url.search.slice(1), headers: Object.fromEntries(req.headers), bodyLength: body.length });
      for (const wake of waiters) wake();
      const handler = routes.get("/" + (url.pathname.split("/")[1] ?? ""));
      return handler ? handler(req, url, body) : new Response("not found", { status: 404 });
    },
  });
  const hits = (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path).length;
  const releaseHanging = () => {
    for (const release of hanging) release();
    hanging.clear();
  };
  const stop = async () => {
    releaseHanging();
    await server.stop(true);
  };
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${server.port}`,
    port: server.port!,
    server,
    requests,
    hits,
    releaseHanging,
    waitForHits(method, path, count = 1) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (hits(method, path) < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
