/**
 * Locust's message envelope, `[type, data, node_id]` in msgpack, written so Python's msgpack reads it as Locust
 * does and read back into plain JS values.
 * @module
 */
import type { Packr, Unpackr } from "msgpackr";

/** One decoded Locust message. */
export interface LocustMessage {
  type: string;
  data: unknown;
  nodeId: string;
}

let codec: { packr: Packr; unpackr: Unpackr } | undefined;

/**
 * msgpackr, configured, on first use: a run that is neither master nor worker never loads it (~15 ms of start-up).
 * `require` keeps the encode and decode calls synchronous.
 */
function msgpack(): { packr: Packr; unpackr: Unpackr } {
  if (codec) return codec;
  const { Packr, Unpackr } = require("msgpackr") as typeof import("msgpackr");
  codec = {
    // Records (msgpackr's default) are an extension Python cannot read; undefined would otherwise become ext 0.
    packr: new Packr({ useRecords: false, encodeUndefinedAsNil: true, variableMapSize: true }),
    // Maps stay Maps so integer keys survive (default decoding turns them into strings); uint64 beyond 2^53 → BigInt.
    // "auto" exists at run time but is missing from msgpackr's type declarations.
    unpackr: new Unpackr({ useRecords: false, mapsAsObjects: false, int64AsType: "auto" as "bigint" }),
  };
  return codec;
}

/**
 * Encodes one message. Values that would otherwise cross the wire as something Python's Locust misreads are
 * rewritten first: a `Map<number, …>` keeps integer keys (use it for `response_times` and the per-second maps);
 * integers beyond 32 bits become int64 rather than float64; `undefined` becomes nil; a `Set` an array; a `Date`
 * Locust's tagged datetime map (UTC). No msgpack extension type is ever written.
 */
export function encodeMessage(type: string, data: unknown, nodeId: string): Uint8Array {
  return msgpack().packr.pack([type, toWire(data), nodeId]);
}

/**
 * Decodes one message. Maps whose keys are all strings become plain objects; any other map stays a `Map`
 * (Locust's int-keyed stats maps arrive as `Map<number, number>`). Tagged datetime maps stay plain objects.
 * @throws Error with a one-line reason when the bytes are not msgpack or not a `[str, any, str]` array.
 */
export function decodeMessage(bytes: Uint8Array): LocustMessage {
  let value: unknown;
  try {
    value = msgpack().unpackr.unpack(bytes);
  } catch (error) {
    throw new Error(`malformed message: not msgpack (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(value) || value.length !== 3) {
    throw new Error("malformed message: expected an array of [type, data, node_id]");
  }
  const [type, data, nodeId] = value as unknown[];
  if (typeof type !== "string") throw new Error("malformed message: the type is not a string");
  if (typeof nodeId !== "string") throw new Error(`malformed message "${type}": node_id is not a string`);
  return { type, data: fromWire(data), nodeId };
}

function toWire(value: unknown): unknown {
  if (typeof value === "number") return toWireNumber(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [toWire(k), toWire(v)]));
  if (value instanceof Set) return [...value].map(toWire);
  if (value instanceof Date) return { __datetime__: true, as_str: formatLocustDatetime(value) };
  if (ArrayBuffer.isView(value)) {
    if (value instanceof Uint8Array) return value;
    throw new TypeError(`cannot encode a ${value.constructor.name} (send a Uint8Array)`);
  }
  if (value instanceof Error || value instanceof RegExp) throw new TypeError(`cannot encode a ${value.constructor.name}`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
}

/** msgpackr writes integers outside the 32-bit ranges as float64; Python would then see `1099511627776.0`. */
function toWireNumber(value: number): number | bigint {
  const outside32Bits = value > 0xffffffff || value < -0x80000000;
  return outside32Bits && Number.isSafeInteger(value) ? BigInt(value) : value;
}

/** Python's `strftime("%Y%m%dT%H:%M:%S.%f")`, which Locust 2.20+ parses back into a datetime. */
function formatLocustDatetime(date: Date): string {
  const iso = date.toISOString(); // 2026-12-06T13:45:00.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
}

/**
 * Turns string-keyed Maps into objects, in place where it can: a master decodes a 25 KB stats report per worker
 * every 3 s, mostly arrays of numbers, so nothing is copied that does not change.
 */
function fromWire(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === "object") value[i] = fromWire(item);
    }
    return value;
  }
  if (!(value instanceof Map)) return value;
  let allStringKeys = true;
  value.forEach((_, key) => {
    if (typeof key !== "string") allStringKeys = false;
  });
  if (!allStringKeys) {
    value.forEach((item, key) => {
      if (item !== null && typeof item === "object") value.set(key, fromWire(item));
    });
    return value;
  }
  const object: Record<string, unknown> = {};
  (value as Map<string, unknown>).forEach((item, key) => {
    // A "__proto__" key must stay data, as Object.fromEntries keeps it, not replace the prototype.
    if (key === "__proto__") Object.defineProperty(object, key, { value: fromWire(item), enumerable: true, writable: true, configurable: true });
    else object[key] = fromWire(item);
  });
  return object;
}
