import { describe, expect, test } from "bun:test";
import {
  encodeCommand,
  encodeError,
  encodeGreeting,
  encodeMultipart,
  encodePong,
  encodeReady,
  parseCommand,
  parseGreeting,
  ZmtpProtocolError,
} from "../../../../src/core/runner/transport/zmtp-frames.ts";

/** Hex from a mix of hex strings and quoted ASCII, e.g. `bytes("04 05", '"PONG"')`. */
function bytes(...pieces: string[]): string {
  return pieces
    .map((p) => (p.startsWith('"') ? Buffer.from(p.slice(1, -1), "latin1").toString("hex") : p.replace(/\s+/g, "")))
    .join("");
}
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const ascii = (text: string) => new TextEncoder().encode(text);
const body = (frame: Uint8Array) => frame.subarray(frame[0]! & 0x02 ? 9 : 2);

describe("encoding", () => {
  test("the greeting announces ZMTP 3.1, mechanism NULL, as-server 0", () => {
    expect(hex(encodeGreeting())).toBe(bytes("ff", "00".repeat(8), "7f 03 01", '"NULL"', "00".repeat(16), "00", "00".repeat(31)));
  });

  test("a DEALER's READY carries Socket-Type and Identity with libzmq's exact spelling", () => {
    const expected = bytes("04 33 05", '"READY"', "0b", '"Socket-Type"', "00000006", '"DEALER"', "08", '"Identity"', "0000000a", '"tsworker_1"');
    expect(hex(encodeReady("DEALER", ascii("tsworker_1")))).toBe(expected);
  });

  test("a ROUTER's READY with an empty identity matches what libzmq 4.3.4 sends", () => {
    const expected = bytes("04 29 05", '"READY"', "0b", '"Socket-Type"', "00000006", '"ROUTER"', "08", '"Identity"', "00000000");
    expect(hex(encodeReady("ROUTER", new Uint8Array(0)))).toBe(expected);
  });

  test("PONG echoes the PING context; ERROR carries a length-prefixed reason", () => {
    expect(hex(encodePong(new Uint8Array(0)))).toBe(bytes("04 05 04", '"PONG"'));
    expect(hex(encodePong(ascii("ab")))).toBe(bytes("04 07 04", '"PONG"', '"ab"'));
    expect(hex(encodeError("bad"))).toBe(bytes("04 0a 05", '"ERROR"', "03", '"bad"'));
  });

  test("a one-frame Locust message uses the short form", () => {
    const payload = Buffer.from("93a8737061776e696e67c0a27731", "hex");
    expect(hex(encodeMultipart([payload]))).toBe("000e" + hex(payload));
  });

  test.each([
    [0, "00 00"],
    [255, "00 ff"],
    [256, "02 0000000000000100"],
    [70000, "02 0000000000011170"],
  ])("a %i-byte frame has the header %s (long form only above 255 bytes)", (size, header) => {
    const frame = encodeMultipart([new Uint8Array(size).fill(7)]);
    expect(hex(frame.subarray(0, header.replace(/ /g, "").length / 2))).toBe(bytes(header));
    expect(frame.length).toBe(header.replace(/ /g, "").length / 2 + size);
  });

  test("every frame but the last of a multi-frame message has MORE set, short or long", () => {
    const frame = encodeMultipart([ascii("id"), new Uint8Array(300), ascii("x")]);
    expect(frame[0]).toBe(0x01);
    expect(frame[4]).toBe(0x03);
    expect(frame[4 + 9 + 300]).toBe(0x00);
  });

  test("commands longer than 255 bytes use the long command flag", () => {
    expect(encodeCommand("X", new Uint8Array(300))[0]).toBe(0x06);
  });
});

describe("parsing", () => {
  test("READY properties are read back by name", () => {
    const command = parseCommand(body(encodeReady("DEALER", ascii("w1"))));
    expect(command).toEqual({
      name: "READY",
      properties: new Map([["Socket-Type", ascii("DEALER")], ["Identity", ascii("w1")]]),
    });
  });

  test("PING gives its TTL in tenths of a second and its context", () => {
    expect(parseCommand(Buffer.from(bytes("04", '"PING"', "0014"), "hex"))).toEqual({
      name: "PING",
      ttlDeciseconds: 20,
      context: new Uint8Array(0),
    });
    const withContext = parseCommand(Buffer.from(bytes("04", '"PING"', "0001", '"ctx"'), "hex"));
    expect(withContext).toMatchObject({ name: "PING", ttlDeciseconds: 1, context: ascii("ctx") });
  });

  test("ERROR, PONG and unknown commands", () => {
    expect(parseCommand(body(encodeError("Invalid socket type")))).toEqual({ name: "ERROR", reason: "Invalid socket type" });
    expect(parseCommand(body(encodePong(ascii("c"))))).toEqual({ name: "PONG", context: ascii("c") });
    expect(parseCommand(body(encodeCommand("SUBSCRIBE", ascii("t"))))).toEqual({
      name: "OTHER",
      commandName: "SUBSCRIBE",
      data: ascii("t"),
    });
  });

  test.each([
    ["a name longer than the body", ["09", '"READY"']],
    ["a truncated READY property", ["05", '"READY"', "0b", '"Socket-Type"', "0000"]],
    ["a READY value longer than the body", ["05", '"READY"', "08", '"Identity"', "000000ff", '"w1"']],
    ["a PING without TTL", ["04", '"PING"', "00"]],
  ])("%s is a protocol error", (_, pieces) => {
    expect(() => parseCommand(Buffer.from(bytes(...pieces), "hex"))).toThrow(ZmtpProtocolError);
  });

  test("our own greeting parses as 3.1 NULL", () => {
    expect(parseGreeting(encodeGreeting())).toEqual({ major: 3, minor: 1, mechanism: "NULL", asServer: false });
  });

  test.each([
    ["a bad first signature byte", 0, 0x47, "not a ZMTP peer (bad greeting signature)"],
    ["an unversioned (ZMTP 1.0) signature", 9, 0x7e, "ZMTP 1.0 peer (unversioned greeting); ZMTP 3 is required"],
    ["major version 2", 10, 2, "ZMTP 2.x peer; ZMTP 3 is required"],
    ["another mechanism", 12, 0x43, 'unsupported security mechanism "CULL" (only NULL)'],
  ])("a greeting with %s is refused", (_, offset, value, reason) => {
    const greeting = encodeGreeting();
    greeting[offset] = value;
    expect(() => parseGreeting(greeting)).toThrow(reason);
  });
});
