import { describe, expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import {
  MISSING_HOST_MESSAGE,
  appendQuery,
  chooseRequestName,
  encodeParams,
  formatPathUrl,
  isAbsoluteUrl,
  joinUrl,
  parseHostCredentials,
  renameRequest,
} from "../../../src/protocols/http-shared/index.ts";

describe("joinUrl", () => {
  test.each([
    ["http://h:1", "/a", "http://h:1/a"],
    ["http://h:1/api", "/a", "http://h:1/api/a"],
    ["http://h:1/", "/a", "http://h:1/a"],
    ["http://h:1/api/", "a", "http://h:1/api/a"],
    ["http://h:1", "?q=1", "http://h:1?q=1"],
    ["http://h:1", "HTTPS://other/x", "HTTPS://other/x"],
    [undefined, "http://abs/x", "http://abs/x"],
  ])("joins %p and %p into %p", (base, url, expected) => {
    expect(joinUrl(base, url)).toBe(expected);
  });

  test("a relative URL without a base throws Locust's missing-host error", () => {
    expect(() => joinUrl(undefined, "/a")).toThrow(new LocustError(MISSING_HOST_MESSAGE));
    expect(() => joinUrl("", "/a")).toThrow(MISSING_HOST_MESSAGE);
  });

  test("only http and https URLs count as absolute", () => {
    expect([isAbsoluteUrl("Http://x"), isAbsoluteUrl("ftp://x"), isAbsoluteUrl("//x")]).toEqual([true, false, false]);
  });
});

describe("query parameters", () => {
  test("arrays repeat the key and values are stringified", () => {
    expect(encodeParams({ a: [1, 2], b: true, c: "x y&z" })).toBe("a=1&a=2&b=true&c=x+y%26z");
    expect(encodeParams(new URLSearchParams([["k", "v"]]))).toBe("k=v");
  });

  test.each([
    ["/p", { q: 1 }, "/p?q=1"],
    ["/p?a=1", { q: 1 }, "/p?a=1&q=1"],
    ["/p?", { q: 1 }, "/p?q=1"],
    ["/p#frag", { q: 1 }, "/p?q=1#frag"],
    ["/p", {}, "/p"],
    ["/p", undefined, "/p"],
  ])("appendQuery(%p, …) is %p", (url, params, expected) => {
    expect(appendQuery(url, params)).toBe(expected);
  });
});

describe("request names (Locust vector 18)", () => {
  test("the name is path and query of the first URL", () => {
    expect(formatPathUrl("http://h:1/ultra_fast?query=1")).toBe("/ultra_fast?query=1");
    expect(formatPathUrl("http://h:1")).toBe("/");
    expect(formatPathUrl(new URL("https://h/a/b"))).toBe("/a/b");
  });

  test.each([
    "http://h",
    "http://h?x=1",
    "http://u:p@h:80/a/b?x=1&y=2",
    "http://h/a b",
    "http://h/%41",
    "http://h/a/../b",
    "http://h/a/./b",
    "http://h/a#f",
    "http://h/a?",
    "http://h/é?q=é",
    "http://h\\a",
    "HTTP://H/A//b/.hidden?b=/./",
  ])("the name of %p is what the URL parser gives", (url) => {
    const parsed = new URL(url);
    expect(formatPathUrl(url)).toBe(parsed.pathname + parsed.search);
  });

  test("an explicit name wins over the session's name, which wins over the URL; empty strings are unset", () => {
    expect(chooseRequestName("my_custom_name", "session", "http://h/x")).toBe("my_custom_name");
    expect(chooseRequestName(undefined, "session", "http://h/x")).toBe("session");
    expect(chooseRequestName("", "", "http://h/x?y=1")).toBe("/x?y=1");
  });

  test("renameRequest names the block, nests, and restores the previous name even when the block throws", async () => {
    const holder = { requestName: undefined as string | undefined };
    const seen: (string | undefined)[] = [];
    await renameRequest(holder, "outer", async () => {
      seen.push(holder.requestName);
      await renameRequest(holder, "inner", () => seen.push(holder.requestName));
      seen.push(holder.requestName);
    });
    await expect(renameRequest(holder, "boom", () => { throw new Error("x"); })).rejects.toThrow("x");
    expect(seen).toEqual(["outer", "inner", "outer"]);
    expect(holder.requestName).toBeUndefined();
  });
});

describe("credentials in the host", () => {
  test("user:password@ moves into Basic auth and out of the base URL", () => {
    expect(parseHostCredentials("http://bob:s%3Acret@127.0.0.1:8080/api")).toEqual({
      baseUrl: "http://127.0.0.1:8080/api",
      auth: ["bob", "s:cret"],
    });
  });

  test.each(["http://bob@h", "http://:pw@h", "http://h:1/a@b", undefined])("%p keeps its URL and has no auth", (host) => {
    expect(parseHostCredentials(host)).toEqual({ baseUrl: host, auth: undefined });
  });
});
