import { expect, test } from "bun:test";
import { countReplyBytes } from "../../../plugins/redis-user/src/index.ts";

test.each([
  ["an ASCII string", "hello", 5],
  ["a string with multi-byte characters", "héllo ✓", 10],
  ["a buffer", new Uint8Array([1, 2, 3]), 3],
  ["nil", null, 0],
  ["an integer reply", 42, 0],
  ["a boolean reply", true, 0],
  ["a big number reply", 10n ** 30n, 0],
  ["an array, nested", ["ab", ["c", null, 7]], 3],
  ["a RESP3 map (null-prototype object): names and values", Object.assign(Object.create(null), { name: "ann", n: 1 }), 8],
])("countReplyBytes of %s is %p", (_label, reply, bytes) => {
  expect(countReplyBytes(reply)).toBe(bytes);
});
