import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { FastHttpSession } from "../../../src/protocols/fasthttp/index.ts";
import { HttpSession, HttpUser } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";

class Site extends HttpUser {}

describe("extra sessions of a user (Locust's multiple_hosts pattern)", () => {
  test("client.requestEvent is where the user's requests go, so a second session counts in the same stats", async () => {
    await using api = startHttpTarget();
    const environment = new Environment();
    environment.attachStats();
    const user = new Site(environment);
    expect(user.client.requestEvent).toBe(environment.events.request);
    const apiClient = new HttpSession({ baseUrl: api.url, requestEvent: user.client.requestEvent, user });
    await apiClient.get("/ultra_fast");
    expect(environment.stats.get("/ultra_fast", "GET")?.numRequests).toBe(1);
  });

  test.each([
    ["HttpSession", (settings: never) => new HttpSession(settings)],
    ["FastHttpSession", (settings: never) => new FastHttpSession(settings)],
  ])("new %s refuses what it cannot use, in one line", (name, create) => {
    const requestEvent = new Environment().events.request;
    const cases: [unknown, string][] = [
      [undefined, "expected an object of settings"],
      [{ base_url: "http://x", requestEvent }, "unknown setting 'base_url' (did you mean 'baseUrl'?)"],
      [{ baseUrl: "http://x" }, "requestEvent must be the event to report to: this.client.requestEvent or this.environment.events.request"],
      [{ baseUrl: 8080, requestEvent }, "baseUrl must be a string, got number"],
      [{ requestEvent, user: {} }, "user must be the User the session works for"],
    ];
    for (const [settings, problem] of cases) {
      expect(() => create(settings as never)).toThrow(`new ${name}(…): ${problem}`);
    }
  });
});
