import { describe, expect, test } from "bun:test";
import { encodeBody, formatBasicAuth, prepareRequest } from "../../../src/protocols/http-shared/index.ts";

describe("prepareRequest", () => {
  test("Basic credentials are UTF-8 base64", () => {
    expect(formatBasicAuth("bob", "pw")).toBe("Basic Ym9iOnB3");
    expect(formatBasicAuth("ü", "é")).toBe("Basic " + Buffer.from("ü:é").toString("base64"));
  });

  test("request auth wins over session credentials, and either replaces an Authorization header (as requests' auth does)", () => {
    const defaults = { auth: ["session", "s"] as const };
    const header = (options: Parameters<typeof prepareRequest>[2], given = defaults) => prepareRequest("GET", "u", options, given).headers.get("authorization");
    expect(header({})).toBe(formatBasicAuth("session", "s"));
    expect(header({ headers: { Authorization: "Bearer t" } })).toBe(formatBasicAuth("session", "s"));
    expect(header({ headers: { Authorization: "Bearer t" }, auth: ["req", "r"] })).toBe(formatBasicAuth("req", "r"));
    expect(header({ headers: { Authorization: "Bearer t" } }, {} as typeof defaults)).toBe("Bearer t");
  });

  test("the method goes on the wire upper-case", () => {
    expect(["get", "Post", "pUrGe"].map((method) => prepareRequest(method, "u", {}).method)).toEqual(["GET", "POST", "PURGE"]);
  });

  test("session headers are copied, not changed", () => {
    const session = new Headers({ "x-a": "1" });
    const prepared = prepareRequest("GET", "u", { headers: { "x-a": "2" } }, { headers: session });
    expect([prepared.headers.get("x-a"), session.get("x-a")]).toEqual(["2", "1"]);
  });
});

describe("encodeBody", () => {
  test.each([
    ["no body", {}, undefined, undefined],
    ["json null", { json: null }, "null", "application/json"],
    ["data beside json", { json: { a: 1 }, data: "d" }, "d", undefined],
    ["json beside empty data", { json: { a: 1 }, data: "" }, '{"a":1}', "application/json"],
    ["json beside an empty form", { json: [1], data: {} }, "[1]", "application/json"],
    ["empty bytes alone", { data: new Uint8Array(0) }, undefined, undefined],
    ["a form object", { data: { a: "x y", b: [1, 2] } }, "a=x+y&b=1&b=2", "application/x-www-form-urlencoded"],
  ])("%s is encoded as expected", (_label, options, body, contentType) => {
    expect(encodeBody(options)).toEqual(contentType ? { body, contentType } : { body });
  });
});
