import { describe, expect, test } from "bun:test";
import { encodeBody, formatBasicAuth, prepareRequest } from "../../../src/protocols/http/index.ts";

describe("prepareRequest", () => {
  test("Basic credentials are UTF-8 base64", () => {
    expect(formatBasicAuth("bob", "pw")).toBe("Basic Ym9iOnB3");
    expect(formatBasicAuth("ü", "é")).toBe("Basic " + Buffer.from("ü:é").toString("base64"));
  });

  test("request auth wins over an Authorization header, which wins over session credentials", () => {
    const defaults = { auth: ["session", "s"] as const };
    const header = (options: Parameters<typeof prepareRequest>[2]) => prepareRequest("GET", "u", options, defaults).headers.get("authorization");
    expect(header({})).toBe(formatBasicAuth("session", "s"));
    expect(header({ headers: { Authorization: "Bearer t" } })).toBe("Bearer t");
    expect(header({ headers: { Authorization: "Bearer t" }, auth: ["req", "r"] })).toBe(formatBasicAuth("req", "r"));
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
    ["a form object", { data: { a: "x y", b: [1, 2] } }, "a=x+y&b=1&b=2", "application/x-www-form-urlencoded"],
  ])("%s is encoded as expected", (_label, options, body, contentType) => {
    expect(encodeBody(options)).toEqual(contentType ? { body, contentType } : { body });
  });
});
