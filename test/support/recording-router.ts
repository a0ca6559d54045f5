/**
 * A RouterSocket on a free loopback port that records every callback, for transport tests.
 * @module
 */
import { RouterSocket, type RouterSocketOptions } from "../../src/core/runner/transport/index.ts";

/** What the router's callbacks reported, in order. */
export interface RouterLog {
  /** `[identity, payload as text]` */
  messages: [string, string][];
  /** `open:<id>` and `close:<id>` in the order they happened. */
  peers: string[];
  /** `[remote, reason]` */
  protocolErrors: [string, string][];
}

/** Starts a recording router; `overrides` replace any option (e.g. a smaller `maxMessageSize`). */
export async function startRecordingRouter(
  overrides: Partial<RouterSocketOptions> = {},
): Promise<{ router: RouterSocket; log: RouterLog }> {
  const log: RouterLog = { messages: [], peers: [], protocolErrors: [] };
  const router = await RouterSocket.listen({
    hostname: "127.0.0.1",
    port: 0,
    onMessage: (identity, payload) => log.messages.push([identity, new TextDecoder().decode(payload)]),
    onPeerOpen: (identity) => log.peers.push(`open:${identity}`),
    onPeerClose: (identity) => log.peers.push(`close:${identity}`),
    onProtocolError: (remote, reason) => log.protocolErrors.push([remote, reason]),
    ...overrides,
  });
  return { router, log };
}
