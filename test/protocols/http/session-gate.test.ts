import { expect, test } from "bun:test";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { FetchGate, HttpSession, type RequestReporter } from "../../../src/protocols/http/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { startRawTcpServer } from "../../support/raw-tcp-server.ts";

const collect = (events: RequestEvent[]): RequestReporter => ({ fire: (event) => events.push(event) });

test("users waiting on a dead endpoint do not hold up another user's requests to the same host", async () => {
  await using target = startHttpTarget();
  const gate = new FetchGate();
  const stuck = Array.from({ length: 100 }, () => new HttpSession({ baseUrl: target.url, requestEvent: collect([]), gate }).get("/never"));
  await target.waitForHits("GET", "/never", 100);
  const events: RequestEvent[] = [];
  const quick = new HttpSession({ baseUrl: target.url, requestEvent: collect(events), gate });
  for (let i = 0; i < 5; i++) expect((await quick.get("/ultra_fast")).status).toBe(200);
  expect(events.map((e) => e.exception)).toEqual([null, null, null, null, null]);
  target.releaseHanging();
  await Promise.all(stuck);
  expect([gate.active, gate.queued]).toEqual([0, 0]);
});

test("a request's response time starts when it leaves the gate, not while it waits behind another user's", async () => {
  await using target = startHttpTarget();
  const gate = new FetchGate(1, Infinity);
  const events: RequestEvent[] = [];
  const first = new HttpSession({ baseUrl: target.url, requestEvent: collect([]), gate }).get("/never");
  const second = new HttpSession({ baseUrl: target.url, requestEvent: collect(events), gate }).get("/ultra_fast");
  await target.waitForHits("GET", "/never");
  await Bun.sleep(50); // a wait that must not show up in the second request's time
  const released = performance.now();
  target.releaseHanging();
  await Promise.all([first, second]);
  expect(events[0]!.responseTime).toBeLessThanOrEqual(performance.now() - released);
});

test("200 users on a quick endpoint share pooled connections instead of opening one per request", async () => {
  await using server = startRawTcpServer((exchange) => exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
  const gate = new FetchGate();
  const events: RequestEvent[] = [];
  const user = async () => {
    const session = new HttpSession({ baseUrl: server.url, requestEvent: collect(events), gate });
    for (let i = 0; i < 20; i++) await session.get("/");
  };
  await Promise.all(Array.from({ length: 200 }, user));
  expect(events.filter((e) => e.exception !== null)).toEqual([]);
  expect(events.length).toBe(4000);
  expect(server.connections).toBeLessThanOrEqual(400);
});
