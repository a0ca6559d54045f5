import { ByteQueue } from "./byte-queue.ts";
import {
  checkGreetingPrefix,
  FLAG_COMMAND,
  FLAG_LONG,
  FLAG_MORE,
  GREETING_SIZE,
  parseCommand,
  parseGreeting,
  RESERVED_FLAG_BITS,
  ZmtpProtocolError,
  type ZmtpCommand,
  type ZmtpGreeting,
} from "./zmtp-frames.ts";

/** What the decoder found in the stream, in order. */
export type ZmtpEvent =
  | { kind: "greeting"; greeting: ZmtpGreeting }
  | { kind: "command"; command: ZmtpCommand }
  | { kind: "message"; parts: Uint8Array[] };

/** Largest message (sum of its frames) accepted unless configured: far above any Locust message. */
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
/** Commands (READY with a 255-byte identity, PING…) are tiny; a peer cannot make us buffer a huge one. */
const MAX_COMMAND_SIZE = 64 * 1024;

/**
 * Streaming ZMTP 3 decoder: fed chunks cut anywhere, it yields the greeting, then commands and whole multi-frame
 * messages. A protocol violation throws {@link ZmtpProtocolError}; the decoder is unusable afterwards.
 */
export class ZmtpDecoder {
  readonly #maxMessageSize: number;
  readonly #queue = new ByteQueue();
  #greeted = false;
  #parts: Uint8Array[] = [];
  #partsSize = 0;

  constructor(maxMessageSize: number = DEFAULT_MAX_MESSAGE_SIZE) {
    this.#maxMessageSize = maxMessageSize;
  }

  /** Feeds one received chunk (kept by reference) and returns every event it completed. */
  push(chunk: Uint8Array): ZmtpEvent[] {
    this.#queue.push(chunk);
    const events: ZmtpEvent[] = [];
    if (!this.#greeted && !this.#readGreeting(events)) return events;
    for (let event = this.#readFrame(); event !== undefined; event = this.#readFrame()) {
      if (event !== null) events.push(event);
    }
    return events;
  }

  #readGreeting(events: ZmtpEvent[]): boolean {
    const available = Math.min(this.#queue.size, 11);
    const prefix = new Uint8Array(available);
    for (let i = 0; i < available; i++) prefix[i] = this.#queue.peek(i);
    checkGreetingPrefix(prefix);
    if (this.#queue.size < GREETING_SIZE) return false;
    events.push({ kind: "greeting", greeting: parseGreeting(this.#queue.take(GREETING_SIZE)) });
    this.#greeted = true;
    return true;
  }

  /** The next event, `null` for a non-final message frame, or `undefined` when more bytes are needed. */
  #readFrame(): ZmtpEvent | null | undefined {
    if (this.#queue.size < 1) return undefined;
    const flags = this.#queue.peek(0);
    if (flags & RESERVED_FLAG_BITS) throw new ZmtpProtocolError(`reserved frame flag bits set (0x${flags.toString(16)})`);
    const command = (flags & FLAG_COMMAND) !== 0;
    if (command && flags & FLAG_MORE) throw new ZmtpProtocolError("command frame with the MORE flag");
    if (command && this.#parts.length > 0) throw new ZmtpProtocolError("command frame inside a multi-frame message");
    const headerSize = flags & FLAG_LONG ? 9 : 2;
    if (this.#queue.size < headerSize) return undefined;
    const size = this.#frameSize(headerSize, command);
    if (this.#queue.size < headerSize + size) return undefined;
    this.#queue.take(headerSize);
    const body = this.#queue.take(size);
    if (command) return { kind: "command", command: parseCommand(body) };
    this.#parts.push(body);
    this.#partsSize += size;
    if (flags & FLAG_MORE) return null;
    const parts = this.#parts;
    this.#parts = [];
    this.#partsSize = 0;
    return { kind: "message", parts };
  }

  /** Reads the size from the header and refuses it before any body is buffered when it exceeds the limit. */
  #frameSize(headerSize: number, command: boolean): number {
    let size = 0;
    if (headerSize === 2) size = this.#queue.peek(1);
    else for (let i = 1; i < 9; i++) size = size * 256 + this.#queue.peek(i);
    // Once `size` passes 2^53 it is inexact, but it is then far above any limit, which is all that matters.
    if (command && size > MAX_COMMAND_SIZE) {
      throw new ZmtpProtocolError(`command of ${size} bytes exceeds the ${MAX_COMMAND_SIZE}-byte command limit`);
    }
    if (this.#partsSize + size > this.#maxMessageSize) {
      throw new ZmtpProtocolError(`frame of ${size} bytes exceeds the ${this.#maxMessageSize}-byte message limit`);
    }
    return size;
  }
}
