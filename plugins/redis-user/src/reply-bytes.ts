/**
 * Bytes of string data in a Redis reply as Bun's RedisClient returns it: UTF-8 bytes of strings, byte length of
 * buffers, summed over arrays and maps. Integers, doubles, booleans and nil count 0. Used as `responseLength`.
 */
export function countReplyBytes(reply: unknown): number {
  if (typeof reply === "string") return Buffer.byteLength(reply, "utf8");
  if (reply === null || typeof reply !== "object") return 0;
  if (ArrayBuffer.isView(reply)) return reply.byteLength;
  let total = 0;
  if (Array.isArray(reply)) {
    for (const item of reply) total += countReplyBytes(item);
    return total;
  }
  // A RESP3 map arrives as a plain object with a null prototype: count field names and values alike.
  for (const [key, value] of Object.entries(reply)) total += Buffer.byteLength(key, "utf8") + countReplyBytes(value);
  return total;
}
