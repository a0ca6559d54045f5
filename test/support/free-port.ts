/**
 * TCP ports on 127.0.0.1 that nothing listens on: each was bound and released a moment ago. A connection to one is
 * refused; a server started on one may rarely find it taken meanwhile, which its caller retries.
 * @module
 */

/** `count` distinct free ports (all are held at once before any is released, so they differ). */
export function freePorts(count: number): number[] {
  const listeners = Array.from({ length: count }, () =>
    Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } }),
  );
  const ports = listeners.map((listener) => listener.port);
  for (const listener of listeners) listener.stop(true);
  return ports;
}

/** One free port. */
export function freePort(): number {
  return freePorts(1)[0]!;
}
