import { describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { LocustError } from "../../../src/core/errors.ts";
import { isAbstractClass } from "../../../src/core/user/user.ts";
import { runUser } from "../../../src/core/user/user-loop.ts";
import { MISSING_HOST_MESSAGE } from "../../../src/protocols/http-shared/index.ts";
import { HttpSession, HttpUser } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";

class NoHostUser extends HttpUser {}

describe("HttpUser", () => {
  test("is abstract itself while its subclasses are not", () => {
    expect([isAbstractClass(HttpUser), isAbstractClass(NoHostUser)]).toEqual([true, false]);
  });

  test("builds its session from the class host, and --host overrides it", () => {
    class ClassHost extends HttpUser {
      static override host = "http://class.test:8080";
    }
    const fromClass = new ClassHost(new Environment());
    const fromFlag = new ClassHost(new Environment({ host: "http://flag.test" }));
    expect(fromClass.client).toBeInstanceOf(HttpSession);
    expect([fromClass.client.baseUrl, fromFlag.client.baseUrl]).toEqual(["http://class.test:8080", "http://flag.test"]);
  });

  test("without a host it constructs, fails relative requests with Locust's message, and allows absolute ones", async () => {
    await using target = startHttpTarget();
    const environment = new Environment();
    const user = new NoHostUser(environment);
    await expect(user.client.get("/ultra_fast")).rejects.toThrow(new LocustError(MISSING_HOST_MESSAGE));
    expect((await user.client.get(`${target.url}/ultra_fast`)).status).toBe(200);
  });

  test("its requests land in the environment's stats, failures included", async () => {
    await using target = startHttpTarget();
    const environment = new Environment({ host: target.url });
    environment.attachStats();
    const user = new NoHostUser(environment);
    await user.client.get("/ultra_fast");
    await user.client.get("/ultra_fast");
    await user.client.get("/fail");
    await user.client.post("/echo", { data: "abc" });
    const fast = environment.stats.get("/ultra_fast", "GET");
    expect([fast.numRequests, fast.numFailures]).toEqual([2, 0]);
    expect(environment.stats.get("/fail", "GET").numFailures).toBe(1);
    expect(environment.stats.numRequests).toBe(target.requests.length);
  });
});

describe("HttpUser in its user loop", () => {
  test("a force stop aborts the request in flight, reports nothing and ends the user", async () => {
    await using target = startHttpTarget();
    class Hanging extends HttpUser {
      static override tasks = [(user: HttpUser) => user.client.get("/never")];
    }
    const environment = new Environment({ host: target.url });
    const reported: unknown[] = [];
    const userErrors: unknown[] = [];
    environment.events.request.addListener((event) => reported.push(event));
    environment.events.userError.addListener((args) => userErrors.push(args.exception));
    const user = new Hanging(environment);
    const running = runUser(user);
    await target.waitForHits("GET", "/never");
    user.requestStop(true);
    await running;
    expect([user.state, reported.length, userErrors.length]).toEqual(["stopped", 0, 0]);
  });
});
