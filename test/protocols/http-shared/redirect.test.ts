import { describe, expect, test } from "bun:test";
import { isRedirectStatus, planRedirect } from "../../../src/protocols/http-shared/index.ts";

const from = new URL("https://shop.test/a/b?x=1");

describe("planRedirect", () => {
  test.each([
    [301, "POST", "GET", true],
    [301, "PUT", "PUT", true],
    [302, "POST", "GET", true],
    [302, "DELETE", "GET", true],
    [302, "HEAD", "HEAD", true],
    [303, "PUT", "GET", true],
    [303, "HEAD", "HEAD", true],
    [307, "POST", "POST", false],
    [308, "PATCH", "PATCH", false],
  ])("%d after %s goes on with %s (body dropped: %p)", (status, method, next, dropBody) => {
    const hop = planRedirect(status, method, from, "/next");
    expect([hop.method, hop.dropBody]).toEqual([next, dropBody]);
  });

  test("relative locations resolve against the current URL", () => {
    expect(planRedirect(302, "GET", from, "c").url.href).toBe("https://shop.test/a/c");
    expect(planRedirect(302, "GET", from, "//cdn.test/x").url.href).toBe("https://cdn.test/x");
  });

  test("credentials are stripped on a host change or an https → http downgrade only", () => {
    expect(planRedirect(302, "GET", from, "/same").stripAuth).toBe(false);
    expect(planRedirect(302, "GET", from, "https://shop.test:8443/port").stripAuth).toBe(false);
    expect(planRedirect(302, "GET", from, "https://other.test/").stripAuth).toBe(true);
    expect(planRedirect(302, "GET", from, "http://shop.test/").stripAuth).toBe(true);
  });

  test("only 301, 302, 303, 307 and 308 are followed", () => {
    expect([300, 301, 302, 303, 304, 305, 307, 308].filter(isRedirectStatus)).toEqual([301, 302, 303, 307, 308]);
  });
});
