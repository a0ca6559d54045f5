import { describe, expect, test } from "bun:test";
import { CookieJar, parseSetCookie } from "../../../src/protocols/http-shared/index.ts";

const NOW = Date.UTC(2030, 0, 1);
const url = (href: string) => new URL(href);

describe("parseSetCookie", () => {
  test("reads every attribute, case-insensitively", () => {
    const cookie = parseSetCookie("sid=abc; Domain=.Example.test; Path=/app; Secure; HttpOnly; Max-Age=60", url("https://www.example.test/app/x"), NOW);
    expect(cookie).toEqual({ name: "sid", value: "abc", domain: "example.test", hostOnly: false, path: "/app", expires: NOW + 60_000, secure: true, httpOnly: true });
  });

  test("defaults to a host-only cookie on the request's directory", () => {
    const cookie = parseSetCookie("a=1", url("http://h.test/dir/page"), NOW)!;
    expect([cookie.domain, cookie.hostOnly, cookie.path, cookie.expires]).toEqual(["h.test", true, "/dir", undefined]);
    expect(parseSetCookie("a=1", url("http://h.test/page"), NOW)!.path).toBe("/");
  });

  test("Max-Age wins over Expires whatever their order; a bad Expires is ignored", () => {
    const expires = "Expires=Wed, 21 Oct 2015 07:28:00 GMT";
    expect(parseSetCookie(`a=1; ${expires}; Max-Age=10`, url("http://h/"), NOW)!.expires).toBe(NOW + 10_000);
    expect(parseSetCookie(`a=1; Max-Age=10; ${expires}`, url("http://h/"), NOW)!.expires).toBe(NOW + 10_000);
    expect(parseSetCookie(`a=1; ${expires}`, url("http://h/"), NOW)!.expires).toBe(Date.UTC(2015, 9, 21, 7, 28));
    expect(parseSetCookie("a=1; Expires=soon", url("http://h/"), NOW)!.expires).toBeUndefined();
  });

  test.each([
    ["no equals sign", "garbage", "http://h.test/"],
    ["an empty name", "=v", "http://h.test/"],
    ["a domain that does not cover the host", "a=1; Domain=other.test", "http://h.test/"],
    ["a parent domain set from an IP address", "a=1; Domain=0.0.1", "http://127.0.0.1/"],
  ])("rejects %s", (_why, header, from) => {
    expect(parseSetCookie(header, url(from), NOW)).toBeNull();
  });

  test("keeps '=' inside values and trims around name and value", () => {
    expect(parseSetCookie(" t = a=b ; Path=/", url("http://h/"), NOW)).toMatchObject({ name: "t", value: "a=b" });
  });
});

describe("CookieJar", () => {
  test("host-only cookies go back to the exact host, domain cookies to subdomains too", () => {
    const jar = new CookieJar();
    jar.storeHeader("host=1", url("http://a.example.test/"), NOW);
    jar.storeHeader("dom=2; Domain=example.test", url("http://a.example.test/"), NOW);
    expect(jar.formatCookieHeader(url("http://a.example.test/"), undefined, NOW)).toBe("host=1; dom=2");
    expect(jar.formatCookieHeader(url("http://b.example.test/"), undefined, NOW)).toBe("dom=2");
    expect(jar.formatCookieHeader(url("http://example.test/"), undefined, NOW)).toBe("dom=2");
    expect(jar.formatCookieHeader(url("http://notexample.test/"), undefined, NOW)).toBe("");
  });

  test("paths match on segment boundaries and longer paths come first", () => {
    const jar = new CookieJar();
    jar.storeHeader("root=1; Path=/", url("http://h/"), NOW);
    jar.storeHeader("app=2; Path=/app", url("http://h/"), NOW);
    expect(jar.formatCookieHeader(url("http://h/app/x"), undefined, NOW)).toBe("app=2; root=1");
    expect(jar.formatCookieHeader(url("http://h/app"), undefined, NOW)).toBe("app=2; root=1");
    expect(jar.formatCookieHeader(url("http://h/apple"), undefined, NOW)).toBe("root=1");
  });

  test("Secure cookies go only over https", () => {
    const jar = new CookieJar();
    jar.storeHeader("s=1; Secure", url("https://h/"), NOW);
    expect(jar.formatCookieHeader(url("http://h/"), undefined, NOW)).toBe("");
    expect(jar.formatCookieHeader(url("https://h/"), undefined, NOW)).toBe("s=1");
  });

  test("cookies expire, and Max-Age=0 deletes a stored one", () => {
    const jar = new CookieJar();
    jar.storeHeader("short=1; Max-Age=1", url("http://h/"), NOW);
    jar.storeHeader("gone=1", url("http://h/"), NOW);
    jar.storeHeader("gone=; Max-Age=0", url("http://h/"), NOW);
    expect(jar.formatCookieHeader(url("http://h/"), undefined, NOW)).toBe("short=1");
    expect(jar.formatCookieHeader(url("http://h/"), undefined, NOW + 1000)).toBe("");
    expect(jar.get("gone", undefined, NOW)).toBeUndefined();
  });

  test("a newer cookie with the same name, domain and path replaces the old one in place", () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    headers.append("set-cookie", "a=3");
    jar.storeFromHeaders(headers, url("http://h/"), NOW);
    expect(jar.formatCookieHeader(url("http://h/"), undefined, NOW)).toBe("a=3; b=2");
    expect(jar.size).toBe(2);
  });

  test("cookies set by hand go to every host; clear removes by name or all", () => {
    const jar = new CookieJar();
    jar.set("manual", "x");
    jar.set("scoped", "y", { domain: "only.test" });
    expect(jar.formatCookieHeader(url("http://any.test/"), { extra: "z" }, NOW)).toBe("manual=x; extra=z");
    expect(jar.get("scoped", "only.test")).toBe("y");
    jar.clear("manual");
    expect([...jar].map((c) => c.name)).toEqual(["scoped"]);
    jar.clear();
    expect(jar.size).toBe(0);
  });
});
