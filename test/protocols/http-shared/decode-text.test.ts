import { expect, test } from "bun:test";
import { decodeText } from "../../../src/protocols/http-shared/index.ts";

const CAFE_LATIN1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
const CAFE_UTF8 = new TextEncoder().encode("café");

test.each([
  ["no Content-Type means UTF-8", null, CAFE_UTF8, "café"],
  ["a Content-Type without charset means UTF-8", "text/plain", CAFE_UTF8, "café"],
  ["the declared charset is used", "text/plain; charset=iso-8859-1", CAFE_LATIN1, "café"],
  ["a quoted, upper-case charset label is understood", 'text/html; charset="ISO-8859-1"', CAFE_LATIN1, "café"],
  ["an unknown charset falls back to UTF-8", "text/plain; charset=no-such-charset", CAFE_UTF8, "café"],
] as const)("decodeText: %s", (_, contentType, body, expected) => {
  expect(decodeText(contentType, body)).toBe(expected);
});
