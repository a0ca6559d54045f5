/**
 * A TCP proxy on 127.0.0.1 in front of one upstream port, to break connections the way networks and processes do:
 * cut only the client's side (the upstream stays open, half-open as after a network partition) or freeze a
 * connection (no bytes either way, nothing closed, as with a stopped process). Meant for small protocol traffic:
 * a write the kernel does not take whole is not retried.
 * @module
 */
import type { Socket, TCPSocketListener } from "bun";

/** One proxied connection. */
export interface ProxyLink {
  /** 1 for the first connection accepted, then 2, … */
  readonly id: number;
  /** Resolves when the upstream server closed its side (or the proxy did on a normal close). */
  readonly upstreamClosed: Promise<void>;
  /** Resolves when the client's side closed. */
  readonly clientClosed: Promise<void>;
  frozen: boolean;
}

interface LinkState extends ProxyLink {
  client: Socket<LinkState>;
  upstream: Socket<unknown> | undefined;
  /** Client bytes waiting for the upstream connection. */
  pending: Uint8Array[];
  cut: boolean;
  upstreamDone: PromiseWithResolvers<void>;
  clientDone: PromiseWithResolvers<void>;
}

/** A running proxy; `await using` stops it and closes every connection. */
export interface TcpProxy extends AsyncDisposable {
  readonly port: number;
  /** Every connection accepted, in order. */
  readonly links: readonly ProxyLink[];
  /** "open 1", "close 1", … for the client sides, in the order they happened. */
  readonly events: readonly string[];
  /** Closes the client's side of `link` and stops forwarding, but leaves its upstream connection open. */
  cutClientSide(link: ProxyLink): void;
  /** Stops forwarding in both directions without closing anything; later closes are not passed on either. */
  freeze(link: ProxyLink): void;
}

/** Starts a proxy to `127.0.0.1:upstreamPort` on a free port. */
export function startTcpProxy(upstreamPort: number): TcpProxy {
  const links: LinkState[] = [];
  const events: string[] = [];
  const listener: TCPSocketListener<LinkState> = Bun.listen<LinkState>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(client) {
        const link = createLink(links.length + 1, client);
        client.data = link;
        links.push(link);
        events.push(`open ${link.id}`);
        void dialUpstream(link, upstreamPort);
      },
      data(client, chunk) {
        const link = client.data;
        if (link.frozen || link.cut) return;
        if (link.upstream) link.upstream.write(chunk);
        else link.pending.push(new Uint8Array(chunk));
      },
      close(client) {
        const link = client.data;
        events.push(`close ${link.id}`);
        link.clientDone.resolve();
        if (!link.frozen && !link.cut) link.upstream?.end();
      },
    },
  });
  return {
    port: listener.port,
    links,
    events,
    cutClientSide(link) {
      const state = link as LinkState;
      state.cut = true;
      state.client.end();
    },
    freeze(link) {
      link.frozen = true;
    },
    async [Symbol.asyncDispose]() {
      listener.stop(true);
      for (const link of links) {
        link.client.end();
        link.upstream?.end();
      }
      await Promise.all(links.map((link) => Promise.all([link.clientClosed, link.upstreamClosed])));
    },
  };
}

function createLink(id: number, client: Socket<LinkState>): LinkState {
  const upstreamDone = Promise.withResolvers<void>();
  const clientDone = Promise.withResolvers<void>();
  return {
    id,
    client,
    upstream: undefined,
    pending: [],
    cut: false,
    frozen: false,
    upstreamDone,
    clientDone,
    upstreamClosed: upstreamDone.promise,
    clientClosed: clientDone.promise,
  };
}

async function dialUpstream(link: LinkState, port: number): Promise<void> {
  link.upstream = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    socket: {
      data(_socket, chunk) {
        if (!link.frozen && !link.cut) link.client.write(chunk);
      },
      close() {
        link.upstreamDone.resolve();
        if (!link.frozen && !link.cut) link.client.end();
      },
    },
  });
  for (const chunk of link.pending) link.upstream.write(chunk);
  link.pending = [];
}
