import { expect, test } from "bun:test";
import { countReplyBytes } from "../../../plugins/redis-user/src/reply-bytes.ts";

test.each([
  ["an ASCII string", 5, "hello"],
  ["a string with multi-byte characters", 10, "héllo ✓"],
  ["a buffer", 3, new Uint8Array([1, 2, 3])],
  ["nil", 0, null],
  ["an integer reply", 0, 42],
  ["a boolean reply", 0, true],
  ["a big number reply", 0, 10n ** 30n],
  ["a nested array", 3, ["ab", ["c", null, 7]]],
  ["a RESP3 map (null-prototype object), names and values", 8, Object.assign(Object.create(null), { name: "ann", n: 1 })],
])("countReplyBytes of %s is %p", (_label, bytes, reply) => {
  expect(countReplyBytes(reply)).toBe(bytes);
});
