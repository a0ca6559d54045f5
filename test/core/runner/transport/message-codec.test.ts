import { describe, expect, test } from "bun:test";
import { decodeMessage, encodeMessage } from "../../../../src/core/runner/transport/message-codec.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const fromHex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const str = (text: string) => Buffer.from(text).toString("hex");

describe("encodeMessage writes what Python's msgpack reads as Locust does", () => {
  test('["spawning", None, "w1"] has the exact bytes pyzmq peers exchange', () => {
    expect(hex(encodeMessage("spawning", null, "w1"))).toBe(`93a8${str("spawning")}c0a2${str("w1")}`);
  });

  test("a Map with number keys becomes an int-keyed map (cc 96 for 150)", () => {
    expect(hex(encodeMessage("t", new Map([[150, 2]]), "w"))).toBe(`93a1${str("t")}81cc9602a1${str("w")}`);
  });

  test("objects are plain maps, never msgpackr records", () => {
    expect(hex(encodeMessage("ack", { index: 0 }, "w"))).toBe(`93a3${str("ack")}81a5${str("index")}00a1${str("w")}`);
  });

  test("integers beyond 32 bits stay integers (int64), not float64", () => {
    expect(hex(encodeMessage("t", 2 ** 40, "w"))).toContain("d30000010000000000");
    expect(hex(encodeMessage("t", -(2 ** 40), "w"))).toContain("d3ffffff0000000000");
    expect(hex(encodeMessage("t", 4294967295, "w"))).toContain("ceffffffff");
  });

  test("undefined becomes nil, in arrays and as a value", () => {
    expect(hex(encodeMessage("t", [undefined, { a: undefined }], "w"))).toBe(`93a1${str("t")}92c081a1${str("a")}c0a1${str("w")}`);
  });

  test("a Date becomes Locust's tagged datetime map, a Set an array: no extension types", () => {
    const bytes = encodeMessage("t", { at: new Date(Date.UTC(2026, 11, 6, 13, 45, 1, 23)), s: new Set([1]) }, "w");
    const datetime = `82ac${str("__datetime__")}c3a6${str("as_str")}b8${str("20261206T13:45:01.023000")}`;
    expect(hex(bytes)).toBe(`93a1${str("t")}82a2${str("at")}${datetime}a1${str("s")}9101a1${str("w")}`);
  });

  test("values Python could only read as extension types are refused with a reason", () => {
    expect(() => encodeMessage("t", new Float64Array(1), "w")).toThrow("cannot encode a Float64Array (send a Uint8Array)");
    expect(() => encodeMessage("t", /x/, "w")).toThrow("cannot encode a RegExp");
  });
});

describe("decodeMessage", () => {
  test("maps with string keys become objects; int- and float-keyed maps stay Maps, recursively", () => {
    // {"stats": [{"response_times": {150.0: 2, 7: 1}}], "n": {}} as a 2.12.1 worker sends it (float key 150.0).
    const bytes = fromHex(`93 a5${str("stats")} 82 a5${str("stats")} 91 81 ae${str("response_times")}
      82 cb4062c00000000000 02 07 01 a1${str("n")} 80 a1${str("w")}`);
    const message = decodeMessage(bytes);
    expect(message).toEqual({
      type: "stats",
      data: { stats: [{ response_times: new Map([[150, 2], [7, 1]]) }], n: {} },
      nodeId: "w",
    });
  });

  test("uint64 values within 2^53 are numbers, beyond it BigInts", () => {
    const small = decodeMessage(fromHex(`93a1${str("t")} cf0000010000000000 a1${str("w")}`));
    const big = decodeMessage(fromHex(`93a1${str("t")} cfffffffffffffffff a1${str("w")}`));
    expect(small.data).toBe(2 ** 40);
    expect(big.data).toBe(2n ** 64n - 1n);
  });

  test("a round trip keeps Locust's stats report shapes", () => {
    const report = {
      stats: [{ name: "/", method: "GET", num_requests: 3, response_times: new Map([[12, 3]]), min_response_time: null }],
      user_classes_count: { WebUser: 2 },
      num_reqs_per_sec: new Map([[1765000000, 3]]),
    };
    expect(decodeMessage(encodeMessage("stats", report, "node_1"))).toEqual({ type: "stats", data: report, nodeId: "node_1" });
  });

  test("a key named __proto__ is kept as data, not as a prototype", () => {
    const decoded = decodeMessage(fromHex(`93a1${str("t")} 81a9${str("__proto__")}01 a1${str("w")}`)).data as object;
    expect(Object.keys(decoded)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  test.each([
    ["truncated msgpack", "93a8", /^malformed message: not msgpack/],
    ["trailing bytes", `93a1${str("t")}c0a1${str("w")}00`, /^malformed message: not msgpack/],
    ["an array of 2", `92a1${str("t")}c0`, "malformed message: expected an array of [type, data, node_id]"],
    ["a map", "80", "malformed message: expected an array of [type, data, node_id]"],
    ["a number as type", `9301c0a1${str("w")}`, "malformed message: the type is not a string"],
    ["nil as node id", `93a1${str("t")}c0c0`, 'malformed message "t": node_id is not a string'],
  ])("%s is refused with a one-line reason", (_, bytes, reason) => {
    expect(() => decodeMessage(fromHex(bytes))).toThrow(reason);
  });
});
