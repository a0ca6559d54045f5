import { describe, expect, test } from "bun:test";
import type { Route } from "../../src/ui/route-table.ts";
import { createUiFixture, ManualClock, type UiFixture } from "./ui-fixture.ts";

const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString("base64")}` });

/** A request for every guarded route (each method), plus a plugin route added through `environment.webUi`. */
function guardedRequests(fixture: UiFixture): Array<[string, string]> {
  fixture.app.facade.addRoute("/plugin/hello", () => new Response("hello from a plugin"));
  const concrete = (route: Route) => route.path.replace("*", "x.js").replace(/:[^/]+/g, "p");
  return fixture.app.routes.routes
    .filter((route) => route.access !== "public")
    .flatMap((route) => Object.keys(route.methods).map((method): [string, string] => [method, concrete(route)]));
}

const wsHeaders = { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" };

describe("--web-auth user:password (basic auth)", () => {
  test("every route, the WebSocket upgrade and plugin routes answer 401 with WWW-Authenticate without credentials", async () => {
    const clock = new ManualClock(1000);
    await using fixture = createUiFixture({ webAuth: "admin:s3cret" }, { clock });
    const requests = guardedRequests(fixture);
    expect(requests).toContainEqual(["GET", "/ws"]);
    expect(requests).toContainEqual(["GET", "/plugin/hello"]);
    expect(requests).toContainEqual(["POST", "/swarm"]);
    for (const [method, path] of requests) {
      clock.seconds += 15 * 60; // past the login throttle's memory, so wrong credentials keep answering 401
      for (const headers of [{}, basic("admin:wrong"), basic("other:s3cret")]) {
        const response = await fixture.request(path, { method, headers: { ...headers, ...(path === "/ws" ? wsHeaders : {}) } });
        expect([method, path, response.status]).toEqual([method, path, 401]);
        expect(response.headers.get("www-authenticate")).toStartWith("Basic ");
      }
    }
    expect(fixture.environment.runner!.state).toBe("ready");
  });

  test("the right credentials pass, including for plugin routes", async () => {
    await using fixture = createUiFixture({ webAuth: "admin:s3cret:with:colons" });
    fixture.app.facade.addRoute("/plugin/hello", () => new Response("hello from a plugin"));
    const ok = await fixture.request("/plugin/hello", { headers: basic("admin:s3cret:with:colons") });
    expect([ok.status, await ok.text()]).toEqual([200, "hello from a plugin"]);
    const stats = await fixture.request("/stats/requests", { headers: basic("admin:s3cret:with:colons") });
    expect(stats.status).toBe(200);
  });

  test("turns CORS off, since the UI is no longer open to every page", async () => {
    await using open = createUiFixture();
    expect((await open.request("/worker-count")).headers.get("access-control-allow-origin")).toBe("*");
    await using closed = createUiFixture({ webAuth: "a:b" });
    const response = await closed.request("/worker-count", { headers: basic("a:b") });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("--web-login (form login with a session cookie)", () => {
  const login = (fixture: UiFixture, username: string, password: string) =>
    fixture.request("/login", { method: "POST", body: new URLSearchParams({ username, password }) });

  test("pages redirect to the login page; API routes, the WebSocket and plugin routes answer 401", async () => {
    await using fixture = createUiFixture({ webLogin: true, webAuth: "admin:pw" });
    for (const [method, path] of guardedRequests(fixture)) {
      const response = await fixture.request(path, { method, headers: path === "/ws" ? wsHeaders : {} });
      if (path === "/") {
        expect([response.status, response.headers.get("location")]).toEqual([302, "/login"]);
      } else {
        expect([method, path, response.status]).toEqual([method, path, 401]);
        expect(response.headers.get("www-authenticate")).toBeNull();
      }
    }
  });

  test("the login page is public and a good login sets an HttpOnly session cookie that opens every route", async () => {
    await using fixture = createUiFixture({ webLogin: true, webAuth: "admin:pw" });
    const page = await fixture.request("/login");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="./login">');
    const bad = await login(fixture, "admin", "nope");
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("Invalid username or password");
    const good = await login(fixture, "admin", "pw");
    expect([good.status, good.headers.get("location")]).toEqual([303, "/"]);
    const cookie = good.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^locust_bun_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const session = { cookie: cookie.split(";")[0]! };
    expect((await fixture.request("/stats/requests", { headers: session })).status).toBe(200);
    const logout = await fixture.request("/logout", { headers: session });
    expect(logout.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await fixture.request("/stats/requests", { headers: session })).status).toBe(401);
  });

  test("uses a locustfile's login check when one is set, and keeps the base path in redirects and cookies", async () => {
    await using fixture = createUiFixture({ webLogin: true, webBasePath: "/locust" });
    const webUi = fixture.environment.webUi as { setLoginCheck(fn: (u: string, p: string) => boolean): void };
    webUi.setLoginCheck((username, password) => username === "ann" && password === "x");
    const redirect = await fixture.request("/locust/");
    expect(redirect.headers.get("location")).toBe("/locust/login");
    const good = await fixture.request("/locust/login", { method: "POST", body: new URLSearchParams({ username: "ann", password: "x" }) });
    expect(good.headers.get("location")).toBe("/locust/");
    expect(good.headers.get("set-cookie")).toContain("Path=/locust;");
  });

  test("without --web-login, /login redirects to the page, as in Locust", async () => {
    await using fixture = createUiFixture();
    const response = await fixture.request("/login");
    expect([response.status, response.headers.get("location")]).toEqual([303, "/"]);
  });
});

describe("repeated failed logins are slowed down", () => {
  const wrongLogin = (fixture: UiFixture, password = "nope") =>
    fixture.request("/login", { method: "POST", body: new URLSearchParams({ username: "admin", password }) });

  test("after five failed form logins the next ones answer 429 with Retry-After, even with the right password, until it passes", async () => {
    const clock = new ManualClock(1000);
    await using fixture = createUiFixture({ webLogin: true, webAuth: "admin:pw" }, { clock });
    for (let i = 0; i < 6; i++) expect((await wrongLogin(fixture)).status).toBe(401);
    const refused = await wrongLogin(fixture, "pw");
    expect([refused.status, refused.headers.get("retry-after"), refused.headers.get("set-cookie")]).toEqual([429, "1", null]);
    expect(await refused.text()).toContain("Too many failed sign-ins: try again in 1 s");
    clock.seconds += 1;
    const good = await wrongLogin(fixture, "pw");
    expect(good.status).toBe(303);
  });

  test("wrong basic-auth credentials count too; a request without credentials does not", async () => {
    const clock = new ManualClock(1000);
    await using fixture = createUiFixture({ webAuth: "admin:pw" }, { clock });
    for (let i = 0; i < 20; i++) expect((await fixture.request("/stats/requests")).status).toBe(401);
    for (let i = 0; i < 6; i++) expect((await fixture.request("/stats/requests", { headers: basic("admin:guess") })).status).toBe(401);
    const refused = await fixture.request("/stats/requests", { headers: basic("admin:pw") });
    expect([refused.status, refused.headers.get("retry-after")]).toEqual([429, "1"]);
    clock.seconds += 1;
    expect((await fixture.request("/stats/requests", { headers: basic("admin:pw") })).status).toBe(200);
  });
});
