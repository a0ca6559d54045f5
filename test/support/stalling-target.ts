/**
 * An HTTP target that answers at once, except that the request numbered `stallAt` freezes it for `stallMs`: every
 * request arriving during the freeze is answered when it ends (a GC pause, a lock, a failover).
 */
export interface StallingTarget extends AsyncDisposable {
  readonly url: string;
  /** Requests received so far. */
  readonly received: number;
}

export function startStallingTarget(stallAt: number, stallMs: number): StallingTarget {
  let received = 0;
  let frozenUntil = 0;
  const server = Bun.serve({
    port: 0,
    async fetch() {
      received++;
      if (received === stallAt) frozenUntil = performance.now() + stallMs;
      const left = frozenUntil - performance.now();
      if (left > 0) await Bun.sleep(left);
      return new Response("ok");
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    get received() {
      return received;
    },
    async [Symbol.asyncDispose]() {
      await server.stop(true);
    },
  };
}
