/**
 * A TCP proxy in front of a real Redis whose link can be cut and restored, to play "the server went away and came
 * back" against a shared server without restarting it.
 * @module
 */
import type { Socket } from "bun";

/** A running proxy; `await using` stops it. */
export interface CuttableProxy extends Disposable {
  readonly port: number;
  /** Everything clients sent so far, as text (to wait until a command is in flight). */
  readonly sent: string;
  /** Drops every open connection; new ones are accepted and closed at once until {@link restore}. */
  cut(): void;
  restore(): void;
}

interface Link {
  upstream?: Socket<undefined>;
  /** Bytes the client sent before the upstream connection was open. */
  early: Uint8Array[];
}

/** Starts a proxy on a free port of 127.0.0.1 forwarding to 127.0.0.1:`targetPort`. */
export function startCuttableProxy(targetPort: number): CuttableProxy {
  const clients = new Set<Socket<Link>>();
  let up = true;
  let sent = "";
  const decoder = new TextDecoder();
  const listener = Bun.listen<Link>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      async open(client) {
        client.data = { early: [] };
        if (!up) return void client.end();
        clients.add(client);
        const upstream = await Bun.connect({
          hostname: "127.0.0.1",
          port: targetPort,
          socket: { data: (_, chunk) => void client.write(chunk), close: () => void client.end() },
        });
        client.data.upstream = upstream;
        for (const chunk of client.data.early) upstream.write(chunk);
      },
      data(client, chunk) {
        sent += decoder.decode(chunk);
        if (client.data.upstream) client.data.upstream.write(chunk);
        else client.data.early.push(new Uint8Array(chunk));
      },
      close(client) {
        clients.delete(client);
        client.data.upstream?.end();
      },
    },
  });
  const cut = () => {
    up = false;
    for (const client of clients) client.end();
  };
  return {
    port: listener.port,
    get sent() {
      return sent;
    },
    cut,
    restore: () => void (up = true),
    [Symbol.dispose]() {
      cut();
      listener.stop(true);
    },
  };
}
