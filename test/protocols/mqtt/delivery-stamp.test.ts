import { describe, expect, test } from "bun:test";
import {
  readStamp,
  SENT_AT_PROPERTY,
  stampPayload,
  stampProperties,
} from "../../../src/protocols/mqtt/delivery-stamp.ts";

describe("delivery stamps", () => {
  test("a stamped 3.1.1 payload reads back its send time and original bytes", () => {
    const stamped = stampPayload(Buffer.from("payload"), 1_700_000_000_123.456);
    expect(stamped.byteLength).toBe(12 + 7);
    const stamp = readStamp(stamped, undefined)!;
    expect(stamp.sentAt).toBe(1_700_000_000_123.456);
    expect(stamp.payload.toString()).toBe("payload");
  });

  test("an empty payload can be stamped", () => {
    expect(readStamp(stampPayload(Buffer.alloc(0), 5), undefined)).toEqual({ sentAt: 5, payload: Buffer.alloc(0) });
  });

  test("MQTT 5 stamps are a user property and keep existing properties", () => {
    const properties = stampProperties({ contentType: "text/plain", userProperties: { a: "1" } }, 42.5);
    expect(properties).toEqual({ contentType: "text/plain", userProperties: { a: "1", [SENT_AT_PROPERTY]: "42.5" } });
    expect(readStamp(Buffer.from("x"), properties)).toEqual({ sentAt: 42.5, payload: Buffer.from("x") });
  });

  test.each([
    ["plain text", Buffer.from("hello world, no stamp here")],
    ["short binary", Buffer.from([0x00, 0x4c, 0x42])],
    ["magic but too short", Buffer.from([0x00, 0x4c, 0x42, 0x74, 1, 2])],
  ])("a message without a stamp (%s) is left alone", (_, payload) => {
    expect(readStamp(payload, undefined)).toBeUndefined();
  });

  test("an unreadable MQTT 5 stamp is ignored", () => {
    expect(readStamp(Buffer.from("x"), { userProperties: { [SENT_AT_PROPERTY]: "soon" } })).toBeUndefined();
  });
});
