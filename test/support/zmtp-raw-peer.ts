/**
 * A hand-driven ZMTP client for transport tests: it writes exactly the bytes a test gives it (a proper handshake,
 * a PING, garbage, a frame before READY…) and decodes what the other side answers.
 * @module
 */
import type { Socket } from "bun";
import { ZmtpDecoder, type ZmtpEvent } from "../../src/core/runner/transport/zmtp-decoder.ts";
import { encodeGreeting, encodeReady } from "../../src/core/runner/transport/zmtp-frames.ts";
import { waitFor } from "./wait-for.ts";

/** A connected raw peer; `await using` closes it. */
export interface RawZmtpPeer extends AsyncDisposable {
  write(bytes: Uint8Array | string): void;
  /** What the other side sent, decoded; a decoding failure ends up in `decodeError`. */
  readonly events: ZmtpEvent[];
  readonly decodeError: string | undefined;
  readonly isClosed: boolean;
  /** Resolves with the first event (from the start) that `match` accepts. */
  waitForEvent(match: (event: ZmtpEvent) => boolean): Promise<ZmtpEvent>;
  waitForClose(): Promise<void>;
}

/** Greeting plus READY, as a well-behaved peer opens. */
export function handshakeBytes(socketType: string, identity: string | Uint8Array): Uint8Array {
  const id = typeof identity === "string" ? new TextEncoder().encode(identity) : identity;
  return new Uint8Array(Buffer.concat([encodeGreeting(), encodeReady(socketType, id)]));
}

/** Connects to 127.0.0.1:`port` and sends nothing until told to. */
export async function connectRawPeer(port: number): Promise<RawZmtpPeer> {
  const decoder = new ZmtpDecoder();
  const events: ZmtpEvent[] = [];
  let decodeError: string | undefined;
  let closed = false;
  const socket: Socket = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    socket: {
      data(_, chunk) {
        if (decodeError !== undefined) return;
        try {
          events.push(...decoder.push(new Uint8Array(chunk)));
        } catch (error) {
          decodeError = (error as Error).message;
        }
      },
      close() {
        closed = true;
      },
    },
  });
  return {
    write: (bytes) => void socket.write(bytes),
    events,
    get decodeError() {
      return decodeError;
    },
    get isClosed() {
      return closed;
    },
    async waitForEvent(match) {
      await waitFor(() => events.some(match) || closed);
      const event = events.find(match);
      if (!event) throw new Error("the connection closed before the expected event");
      return event;
    },
    waitForClose: () => waitFor(() => closed),
    async [Symbol.asyncDispose]() {
      socket.end();
      await waitFor(() => closed);
    },
  };
}
