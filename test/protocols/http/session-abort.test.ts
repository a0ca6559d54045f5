import { describe, expect, test } from "bun:test";
import { FetchGate, HttpSession, type RequestReporter } from "../../../src/protocols/http/index.ts";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "./session-fixture.ts";

describe("timeouts", () => {
  test("a response slower than timeout is a status-0 ReadTimeout failure", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/never", { timeout: 0.05 });
    expect(response.status).toBe(0);
    expect(response.error!.name).toBe("ReadTimeout");
    const port = new URL(target.url).port;
    expect(formatErrorRepr(response.error)).toBe(`ReadTimeout(ReadTimeoutError("HTTPConnectionPool(host='127.0.0.1', port=${port}): Read timed out. (read timeout=0.05)"))`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ name: "/never", exception: response.error, responseLength: 0 });
  });

  test("a request that answers within its timeout succeeds", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    expect((await client.get("/ultra_fast", { timeout: 30 })).status).toBe(200);
    expect(events[0]!.exception).toBeNull();
  });
});

describe("force-stopping the user", () => {
  test("aborts an in-flight request: the promise rejects and nothing is reported", async () => {
    await using target = startHttpTarget();
    const { client, user, events } = createSessionFixture(target.url);
    const call = client.get("/never");
    await target.waitForHits("GET", "/never");
    user.requestStop(true);
    await expect(call).rejects.toMatchObject({ name: "ForcedStop" });
    expect(events).toHaveLength(0);
  });

  test("a request started after the abort rejects at once without reaching the server", async () => {
    await using target = startHttpTarget();
    const { client, user, events } = createSessionFixture(target.url);
    user.requestStop(true);
    await expect(client.get("/ultra_fast")).rejects.toMatchObject({ name: "ForcedStop" });
    expect([events.length, target.requests.length]).toEqual([0, 0]);
  });

  test("a graceful stop does not abort the request in flight", async () => {
    await using target = startHttpTarget();
    const { client, user, events } = createSessionFixture(target.url);
    const call = client.get("/never");
    await target.waitForHits("GET", "/never");
    user.requestStop(false);
    target.releaseHanging();
    expect((await call).text).toBe("released");
    expect(events).toHaveLength(1);
  });
});

describe("the fetch gate", () => {
  const collect = (events: RequestEvent[]): RequestReporter => ({ fire: (event) => events.push(event) });

  test("holds requests beyond its limit until a slot frees, then sends them", async () => {
    await using target = startHttpTarget();
    const gate = new FetchGate(1, Infinity);
    const events: RequestEvent[] = [];
    const session = new HttpSession({ baseUrl: target.url, requestEvent: collect(events), gate });
    const first = session.get("/never");
    const second = session.get("/ultra_fast");
    await target.waitForHits("GET", "/never");
    expect([gate.active, gate.queued, target.hits("GET", "/ultra_fast")]).toEqual([1, 1, 0]);
    target.releaseHanging();
    await Promise.all([first, second]);
    expect(target.requests.map((r) => r.path)).toEqual(["/never", "/ultra_fast"]);
    expect([gate.active, gate.queued, events.length]).toEqual([0, 0, 2]);
  });

  test("a queued request whose user is force-stopped leaves the queue and is not reported", async () => {
    await using target = startHttpTarget();
    const gate = new FetchGate(1, Infinity);
    const { user, environment } = createSessionFixture(target.url);
    const events: RequestEvent[] = [];
    environment.events.request.addListener((event) => events.push(event));
    const blocker = new HttpSession({ baseUrl: target.url, requestEvent: collect([]), gate });
    const queued = new HttpSession({ baseUrl: target.url, requestEvent: environment.events.request, user, gate });
    const first = blocker.get("/never");
    const second = queued.get("/ultra_fast");
    expect(gate.queued).toBe(1);
    user.requestStop(true);
    await expect(second).rejects.toMatchObject({ name: "ForcedStop" });
    expect(gate.queued).toBe(0);
    await target.waitForHits("GET", "/never");
    target.releaseHanging();
    await first;
    expect([events.length, target.hits("GET", "/ultra_fast"), gate.active]).toEqual([0, 0, 0]);
  });

  test("a queued request that times out in the queue is a ReadTimeout failure", async () => {
    await using target = startHttpTarget();
    const gate = new FetchGate(1, Infinity);
    const events: RequestEvent[] = [];
    const session = new HttpSession({ baseUrl: target.url, requestEvent: collect(events), gate });
    const blocked = session.get("/never");
    await target.waitForHits("GET", "/never");
    const response = await session.get("/ultra_fast", { timeout: 0.02 });
    expect([response.status, response.error!.name]).toEqual([0, "ReadTimeout"]);
    expect(events.map((e) => e.name)).toEqual(["/ultra_fast"]);
    target.releaseHanging();
    expect((await blocked).status).toBe(200);
    expect(target.hits("GET", "/ultra_fast")).toBe(0);
  });
});
