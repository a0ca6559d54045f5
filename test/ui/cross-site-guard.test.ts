import { describe, expect, test } from "bun:test";
import type { Options } from "../../src/core/options/index.ts";
import { createUiFixture, recordRequest, waitFor, type UiFixture } from "./ui-fixture.ts";

const basic = { authorization: `Basic ${Buffer.from("admin:pw").toString("base64")}` };
const swarmBody = () => new URLSearchParams({ user_count: "2", spawn_rate: "100", host: "http://127.0.0.1:9" });

/** Header sets a browser sends for a request that another page started (the fixture's origin is http://ui.test). */
const CROSS_SITE: Array<[string, Record<string, string>]> = [
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: same-site (another port or subdomain)", { "sec-fetch-site": "same-site" }],
  ["an Origin of another site (older browsers)", { origin: "http://evil.test" }],
  ["Origin: null (sandboxed frame)", { origin: "null" }],
  ["a Referer of another site and no Origin (older browsers' GET)", { referer: "http://evil.test/page.html" }],
];

/** The state-changing requests of Locust's API, each with what proves it had no effect. */
async function tryAll(fixture: UiFixture, headers: Record<string, string>): Promise<number[]> {
  return Promise.all([
    fixture.request("/swarm", { method: "POST", body: swarmBody(), headers }).then((r) => r.status),
    fixture.request("/stop", { headers }).then((r) => r.status),
    fixture.request("/stats/reset", { headers }).then((r) => r.status),
    fixture.request("/stop", { method: "HEAD", headers }).then((r) => r.status),
    fixture.request("/user", { method: "POST", body: JSON.stringify({ user_class_name: "TargetUser", weight: 9 }), headers }).then((r) => r.status),
  ]);
}

describe.each<[string, Partial<Options>, Record<string, string>]>([
  ["no authentication", {}, {}],
  ["--web-auth (the browser sends cached basic credentials)", { webAuth: "admin:pw" }, basic],
])("cross-site requests with %s", (_name, options, auth) => {
  test.each(CROSS_SITE)("%s: /swarm, /stop, /stats/reset and /user are refused with 403 and change nothing", async (_how, headers) => {
    await using fixture = createUiFixture(options);
    recordRequest(fixture.environment, "/kept", 5);
    expect(await tryAll(fixture, { ...auth, ...headers })).toEqual([403, 403, 403, 403, 403]);
    expect(fixture.environment.runner!.state).toBe("ready");
    expect(fixture.environment.host).toBeUndefined();
    expect(fixture.environment.stats.find("/kept", "GET")!.numRequests).toBe(1);
    expect(fixture.environment.userClasses[0]!.weight).toBe(1);
  });

  test("the refusal says why in one line", async () => {
    await using fixture = createUiFixture(options);
    const response = await fixture.request("/stop", { headers: { ...auth, "sec-fetch-site": "cross-site" } });
    expect(await response.text()).toBe("Forbidden: cross-site request refused (Sec-Fetch-Site: cross-site); the web UI's state changes only from its own page or from scripts");
  });

  test("reading routes stay open to other origins, as Locust's API is", async () => {
    await using fixture = createUiFixture(options);
    const response = await fixture.request("/stats/requests", { headers: { ...auth, "sec-fetch-site": "cross-site", origin: "http://evil.test" } });
    expect(response.status).toBe(200);
  });
});

describe("requests the guard lets through", () => {
  test("curl-style scripts (no Origin, no Sec-Fetch-Site) start, reset and stop a test as Locust documents", async () => {
    await using fixture = createUiFixture({}, { host: "http://127.0.0.1:9" });
    const runner = fixture.environment.runner!;
    const swarm = await fixture.request("/swarm", { method: "POST", body: swarmBody() });
    expect(((await swarm.json()) as { success: boolean }).success).toBe(true);
    await waitFor(() => runner.userCount === 2, "2 users");
    recordRequest(fixture.environment, "/gone", 5);
    expect(await (await fixture.request("/stats/reset")).text()).toBe("ok");
    expect(fixture.environment.stats.find("/gone", "GET")!.numRequests).toBe(0);
    expect(await (await fixture.request("/stop")).json()).toEqual({ success: true, message: "Test stopped" });
    await waitFor(() => runner.state === "stopped", "stopped");
  });

  test("the page's own requests (same-origin, or typed into the address bar) pass, and /stop and /stats/reset also take POST", async () => {
    await using fixture = createUiFixture({}, { host: "http://127.0.0.1:9" });
    const runner = fixture.environment.runner!;
    const own = { "sec-fetch-site": "same-origin", origin: "http://ui.test" };
    expect((await fixture.request("/swarm", { method: "POST", body: swarmBody(), headers: own })).status).toBe(200);
    await waitFor(() => runner.userCount === 2, "2 users");
    expect((await fixture.request("/stats/reset", { method: "POST", headers: own })).status).toBe(200);
    expect((await fixture.request("/stop", { method: "POST", headers: own })).status).toBe(200);
    await waitFor(() => runner.state === "stopped", "stopped");
    expect((await fixture.request("/stats/reset", { headers: { "sec-fetch-site": "none" } })).status).toBe(200);
  });

  test("an Origin or Referer of the UI's own host passes when the browser sends no Sec-Fetch-Site", async () => {
    await using fixture = createUiFixture();
    expect((await fixture.request("/stats/reset", { headers: { origin: "http://ui.test" } })).status).toBe(200);
    expect((await fixture.request("/stats/reset", { headers: { referer: "http://ui.test/" } })).status).toBe(200);
  });
});

describe("the login form", () => {
  test("a cross-site login POST is refused (no login CSRF) and a cross-site /logout does not end the session", async () => {
    await using fixture = createUiFixture({ webLogin: true, webAuth: "admin:pw" });
    const cross = { "sec-fetch-site": "cross-site" };
    const login = await fixture.request("/login", { method: "POST", body: new URLSearchParams({ username: "admin", password: "pw" }), headers: cross });
    expect([login.status, login.headers.get("set-cookie")]).toEqual([403, null]);
    const good = await fixture.request("/login", { method: "POST", body: new URLSearchParams({ username: "admin", password: "pw" }) });
    const session = { cookie: good.headers.get("set-cookie")!.split(";")[0]! };
    expect((await fixture.request("/logout", { headers: { ...session, ...cross } })).status).toBe(403);
    expect((await fixture.request("/stats/requests", { headers: session })).status).toBe(200);
  });
});
