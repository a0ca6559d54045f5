import { describe, expect, test } from "bun:test";
import { CatchResponseError } from "../../../src/core/errors.ts";
import { Events } from "../../../src/core/events/events.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { attachStatsListener, createStatsListener } from "../../../src/core/stats/stats-listener.ts";
import { FakeClock } from "../../support/fake-clock.ts";

function setup() {
  const clock = new FakeClock({ now: 1_700_000_000.25 });
  const events = new Events();
  const stats = new RequestStats({ clock });
  const detach = attachStatsListener(events, stats, clock);
  return { clock, events, stats, detach };
}

describe("stats listener", () => {
  test("a fired request event is logged with the clock's time", () => {
    const { events, stats } = setup();
    events.request.fire({ requestType: "GET", name: "/a", responseTime: 12.5, responseLength: 300, exception: null });
    const entry = stats.find("/a", "GET")!;
    expect([entry.numRequests, entry.numFailures, entry.totalResponseTime, entry.totalContentLength]).toEqual([1, 0, 12.5, 300]);
    expect(entry.lastRequestTimestamp).toBe(1_700_000_000.25);
  });

  test("an event with an exception counts as a request and a failure, grouped by its repr", () => {
    const { events, stats } = setup();
    const fire = () =>
      events.request.fire({
        requestType: "POST",
        name: "/login",
        responseTime: 3,
        responseLength: 0,
        exception: new CatchResponseError("Got wrong response"),
      });
    fire();
    fire();
    expect([stats.numRequests, stats.numFailures]).toEqual([2, 2]);
    expect([...stats.errors].map((e) => [e.error, e.occurrences, e.displayName])).toEqual([
      ["CatchResponseError('Got wrong response')", 2, "POST /login: CatchResponseError('Got wrong response')"],
    ]);
  });

  test("an error message with an apostrophe is quoted as Python's repr quotes it", () => {
    const { events, stats } = setup();
    events.request.fire({ requestType: "GET", name: "/", responseTime: 1, responseLength: 0, exception: new Error("can't connect") });
    expect([...stats.errors].map((e) => e.error)).toEqual([`Error("can't connect")`]);
  });

  test("requests timed by measure reach the stats, thrown errors as failures", async () => {
    const { events, stats } = setup();
    await events.request.measure("redis", "GET user", async (meta) => {
      meta.responseLength = 7;
    });
    await events.request.measure("redis", "GET user", () => {
      throw new Error("down");
    });
    const entry = stats.find("GET user", "redis")!;
    expect([entry.numRequests, entry.numFailures, entry.totalContentLength]).toEqual([2, 1, 7]);
    expect([...stats.errors][0]!.error).toBe("Error('down')");
  });

  test("a None response time and a missing length still count the request", () => {
    const { stats, clock } = setup();
    const listener = createStatsListener(stats, clock);
    listener({ requestType: "WS", name: "recv", responseTime: null, responseLength: undefined as unknown as number });
    expect([stats.numRequests, stats.numNoneRequests, stats.total.totalContentLength]).toEqual([1, 1, 0]);
  });

  test("the detach function removes the listener", () => {
    const { events, stats, detach } = setup();
    detach();
    events.request.fire({ requestType: "GET", name: "/a", responseTime: 1, responseLength: 0 });
    expect(stats.numRequests).toBe(0);
  });
});
