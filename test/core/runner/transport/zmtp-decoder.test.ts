import { describe, expect, test } from "bun:test";
import { ZmtpDecoder, type ZmtpEvent } from "../../../../src/core/runner/transport/zmtp-decoder.ts";
import {
  encodeCommand,
  encodeGreeting,
  encodeMultipart,
  encodeReady,
  ZmtpProtocolError,
} from "../../../../src/core/runner/transport/zmtp-frames.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Everything a peer sends in a session, exercising every frame kind and both size forms. */
const stream = join(
  encodeGreeting(),
  encodeReady("ROUTER", ascii("")),
  encodeCommand("PING", Uint8Array.of(0, 20, 0x63)),
  encodeMultipart([Uint8Array.of(1, 2, 3)]),
  encodeMultipart([ascii("id"), new Uint8Array(300).fill(9), new Uint8Array(0)]),
  encodeCommand("PONG", new Uint8Array(400)),
  encodeMultipart([new Uint8Array(0)]),
);

function decodeAll(chunks: Uint8Array[]): ZmtpEvent[] {
  const decoder = new ZmtpDecoder();
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

describe("streaming", () => {
  const whole = decodeAll([stream]);

  test("a whole session decodes into greeting, commands and multi-frame messages in order", () => {
    expect(whole.map((e) => (e.kind === "command" ? e.command.name : e.kind))).toEqual([
      "greeting",
      "READY",
      "PING",
      "message",
      "message",
      "PONG",
      "message",
    ]);
    expect(whole[3]).toEqual({ kind: "message", parts: [Uint8Array.of(1, 2, 3)] });
    expect(whole[4]).toEqual({ kind: "message", parts: [ascii("id"), new Uint8Array(300).fill(9), new Uint8Array(0)] });
  });

  test("the same events come out whatever byte the stream is split at", () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const split = decodeAll([stream.slice(0, cut), stream.slice(cut)]);
      if (!Bun.deepEquals(split, whole)) throw new Error(`split at byte ${cut} decoded differently`);
    }
  });

  test("the same events come out when every byte arrives alone, as libzmq's greeting pieces do", () => {
    expect(decodeAll(Array.from(stream, (b) => Uint8Array.of(b)))).toEqual(whole);
  });

  test("a chunk that completes nothing yields nothing", () => {
    expect(new ZmtpDecoder().push(encodeGreeting().subarray(0, 63))).toEqual([]);
  });
});

describe("refusals", () => {
  const afterGreeting = (bytes: Uint8Array, max?: number) => () => new ZmtpDecoder(max).push(join(encodeGreeting(), bytes));

  test("an HTTP client is refused at its first byte, before a whole greeting arrives", () => {
    expect(() => new ZmtpDecoder().push(ascii("G"))).toThrow("not a ZMTP peer (bad greeting signature)");
  });

  test("a ZMTP 2.0 peer is refused as soon as its major version arrives", () => {
    const greeting = encodeGreeting().subarray(0, 11);
    greeting[10] = 1;
    expect(() => new ZmtpDecoder().push(greeting)).toThrow("ZMTP 1.x peer; ZMTP 3 is required");
  });

  test.each([0x08, 0x10, 0x80])("a flags byte of %i (a reserved bit) is refused", (flag) => {
    expect(afterGreeting(Uint8Array.of(flag, 0))).toThrow("reserved frame flag bits set");
  });

  test("a command with MORE is refused", () => {
    expect(afterGreeting(Uint8Array.of(0x05, 0))).toThrow("command frame with the MORE flag");
  });

  test("a command between the frames of a message is refused", () => {
    expect(afterGreeting(join(Uint8Array.of(0x01, 0), encodeCommand("PING", Uint8Array.of(0, 0))))).toThrow(
      "command frame inside a multi-frame message",
    );
  });

  test("an oversized frame is refused from its header alone, before its body is buffered", () => {
    const header = Uint8Array.of(0x02, 0, 0, 0, 0x10, 0, 0, 0, 0);
    expect(afterGreeting(header)).toThrow(`frame of ${2 ** 36} bytes exceeds the 67108864-byte message limit`);
  });

  test("commands have their own small limit, checked from the header", () => {
    expect(afterGreeting(Uint8Array.of(0x06, 0, 0, 0, 0, 0, 1, 0, 1))).toThrow(
      "command of 65537 bytes exceeds the 65536-byte command limit",
    );
  });

  test("the limit counts every frame of a message", () => {
    const parts = encodeMultipart([new Uint8Array(600), new Uint8Array(600)]);
    expect(afterGreeting(parts, 1000)).toThrow(ZmtpProtocolError);
    expect(afterGreeting(parts, 1200)()).toHaveLength(2);
  });
});
