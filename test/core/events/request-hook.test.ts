import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ForcedStop, StopUser } from "../../../src/core/errors.ts";
import { RequestHook, type RequestEvent } from "../../../src/core/events/request-hook.ts";
import { configureLogging, resetLogState } from "../../../src/core/log.ts";
import { formatStatsCsv } from "../../../src/core/output/csv-rows.ts";
import { formatRequestTable } from "../../../src/core/output/request-table.ts";
import { writeHtmlReport } from "../../../src/ui/report/html-report.ts";
import { createTempDir, createUiFixture, ManualClock } from "../../ui/ui-fixture.ts";

const logged: string[] = [];
configureLogging({ write: (line) => void logged.push(line) });
afterEach(() => {
  resetLogState();
  logged.length = 0;
});
afterAll(() => configureLogging({ write: (line) => process.stderr.write(line) }));

const event = (fields: Partial<Record<keyof RequestEvent, unknown>>): RequestEvent =>
  ({ requestType: "GET", name: "/", responseTime: 10, responseLength: 100, exception: null, ...fields }) as RequestEvent;

/** Fires `events` into a fresh hook and returns what its listener received. */
function received(events: RequestEvent[]): RequestEvent[] {
  const hook = new RequestHook();
  const seen: RequestEvent[] = [];
  hook.addListener((e) => void seen.push({ ...e }));
  for (const e of events) hook.fire(e);
  return seen;
}

describe("RequestHook.fire at the event boundary", () => {
  test("a well-formed event reaches listeners unchanged and warns nothing", () => {
    const seen = received([event({ responseTime: 0, responseLength: undefined }), event({ responseTime: null })]);
    expect(seen.map((e): unknown[] => [e.responseTime, e.responseLength])).toEqual([[0, undefined], [null, 100]]);
    expect(logged).toEqual([]);
  });

  test("a non-string name or request type is recorded as its string form", () => {
    const seen = received([event({ name: 42 }), event({ requestType: undefined }), event({ name: Object.create(null) })]);
    expect(seen.map((e) => [e.requestType, e.name])).toEqual([["GET", "42"], ["undefined", "/"], ["GET", "[object Object]"]]);
  });

  test.each([[NaN], [Infinity], [-Infinity], [-100], ["12"]])("a response time of %p makes the request untimed", (responseTime) => {
    expect(received([event({ responseTime })])[0]!.responseTime).toBeNull();
  });

  test.each([[NaN], [-1], [Infinity], ["120"]])("a response length of %p counts as 0", (responseLength) => {
    expect(received([event({ responseLength })])[0]!.responseLength).toBe(0);
  });

  test("each kind of flaw is warned about once, naming the request and the value", () => {
    received([
      event({ responseTime: NaN }),
      event({ responseTime: NaN, name: "/other" }),
      event({ responseTime: -100 }),
      event({ responseTime: -5 }),
      event({ name: 1 }),
      event({ name: 2 }),
    ]);
    const warnings = logged.filter((line) => line.includes("/WARNING/locust.event: "));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain("request GET / reported a response time of NaN; the request is counted without a response time");
    expect(warnings[1]).toContain("reported a response time of -100");
    expect(warnings[2]).toContain(`a request event's name is a number, not a string; it is recorded as "1"`);
  });
});

describe("a user's forced stop is never reported", () => {
  test("an event whose exception is a ForcedStop reaches no listener; a StopUser the user threw still does", () => {
    const seen = received([event({ exception: new ForcedStop() }), event({ exception: new StopUser() }), event({ name: "/ok" })]);
    expect(seen.map((e) => [e.name, e.exception instanceof StopUser])).toEqual([["/", true], ["/ok", false]]);
  });

  test("measure rethrows a ForcedStop from its block without reporting it; another error is the failure", async () => {
    const hook = new RequestHook();
    const seen: RequestEvent[] = [];
    hook.addListener((e) => void seen.push(e));
    const stop = new ForcedStop();
    await expect(hook.measure("manual", "stopped", () => Promise.reject(stop))).rejects.toBe(stop);
    expect(await hook.measure("manual", "failed", () => Promise.reject(new Error("boom")))).toBeUndefined();
    expect(seen.map((e) => [e.name, String(e.exception)])).toEqual([["failed", "Error: boom"]]);
  });
});

describe("garbage request events and the outputs", () => {
  test("the console table, CSV, /stats/requests, /stats/report and --html stay sane", async () => {
    const clock = new ManualClock(1_800_000_000);
    await using ui = createUiFixture({}, { clock });
    await using dir = await createTempDir("request-hook-");
    const { environment } = ui;
    const fire = (fields: Partial<Record<keyof RequestEvent, unknown>>) => environment.events.request.fire(event(fields));
    fire({ name: "/ok", responseTime: 10 });
    fire({ name: 42, responseTime: 20 });
    fire({ requestType: { verb: "GET" }, name: "/typed", responseTime: NaN });
    fire({ name: "/negative", responseTime: -100, responseLength: -1 });
    fire({ name: "/infinite", responseTime: Infinity });

    const total = environment.stats.total;
    expect([total.numRequests, total.numNoneRequests, total.minResponseTime, total.maxResponseTime, total.avgResponseTime]).toEqual([5, 3, 10, 20, 15]);
    expect(total.totalContentLength).toBe(400);

    const table = formatRequestTable(environment.stats);
    expect(table).not.toMatch(/NaN|Infinity|-100/);
    expect(table).toMatch(/^GET {6}42 +1 /m);
    expect(table).toMatch(/^\[object Object\]  \/typed +1 /m);
    expect(formatStatsCsv(environment.stats)).not.toMatch(/,(nan|-?inf|-100)/i);

    const requests = await ui.request("/stats/requests");
    expect(requests.status).toBe(200);
    const json = (await requests.json()) as { stats: { name: string; min_response_time: number }[] };
    expect(json.stats.map((s) => s.name)).toEqual(["/infinite", "/negative", "/ok", "/typed", "42", "Aggregated"]);
    expect(json.stats.at(-1)!.min_response_time).toBe(10);

    const report = await ui.request("/stats/report");
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('<td>GET</td><td class="name" title="42">42</td><td>1</td>');

    const htmlPath = join(dir.path, "report.html");
    await writeHtmlReport(environment, htmlPath);
    expect(await Bun.file(htmlPath).text()).toContain(`<td>[object Object]</td><td class="name" title="/typed">/typed</td>`);
  });
});

describe("RequestHook.measure, measureSync and observe", () => {
  function recordingHook() {
    const hook = new RequestHook();
    const seen: RequestEvent[] = [];
    hook.addListener((e) => void seen.push(e));
    return { hook, seen };
  }

  test("measure reports what the block filled in, with the context read when the event fires", async () => {
    const { hook, seen } = recordingHook();
    let connection = "none";
    const reply = await hook.measure("X", "op", async (meta) => {
      meta.responseLength = 12;
      connection = "c1";
      return "reply";
    }, { context: () => ({ connection }) });
    expect(reply).toBe("reply");
    expect(seen).toMatchObject([{ requestType: "X", name: "op", responseLength: 12, exception: null, context: { connection: "c1" } }]);
    expect(seen[0]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  test("a block may count its own failure and still return its value", async () => {
    const { hook, seen } = recordingHook();
    const status = new Error("status 5");
    expect(await hook.measure("X", "op", (meta) => ((meta.exception = status), "partial"))).toBe("partial");
    expect(seen.map((e) => e.exception)).toEqual([status]);
  });

  test("an abort of the signal while the block runs rejects with its reason at once and reports nothing", async () => {
    const { hook, seen } = recordingHook();
    const abort = new AbortController();
    const pending = hook.measure("X", "op", () => new Promise(() => {}), { signal: abort.signal });
    const stop = new ForcedStop();
    abort.abort(stop);
    await expect(pending).rejects.toBe(stop);
    let ran = false;
    await expect(hook.measure("X", "op", () => void (ran = true), { signal: abort.signal })).rejects.toBe(stop);
    expect(ran).toBe(false);
    expect(seen).toEqual([]);
  });

  test("a block that fails because of the abort is not counted, even with an error of its own", async () => {
    const { hook, seen } = recordingHook();
    const abort = new AbortController();
    const reason = new ForcedStop();
    const failing = hook.measure("X", "op", async () => {
      abort.abort(reason);
      throw new Error("socket closed");
    }, { signal: abort.signal });
    await expect(failing).rejects.toBe(reason);
    expect(seen).toEqual([]);
  });

  test("measureSync times a hand-off: a throw is the failure and the result undefined", () => {
    const { hook, seen } = recordingHook();
    expect(hook.measureSync("WSS", "sent", () => true, { responseLength: 3 })).toBe(true);
    expect(hook.measureSync("WSS", "closed", () => { throw new Error("not open"); })).toBeUndefined();
    expect(seen.map((e) => [e.name, e.responseLength, String(e.exception)])).toEqual([["sent", 3, "null"], ["closed", 0, "Error: not open"]]);
  });

  test("observe reports a fact with defaults: a success of 0 ms and 0 bytes that started now", () => {
    const { hook, seen } = recordingHook();
    const before = Date.now() / 1000;
    hook.observe("WSR", "price");
    hook.observe("MQTT", "deliver:t", { responseTime: 4.5, responseLength: 9, context: { topic: "t" }, url: "mqtt://b" });
    expect(seen).toMatchObject([
      { requestType: "WSR", name: "price", responseTime: 0, responseLength: 0, exception: null, context: {} },
      { requestType: "MQTT", name: "deliver:t", responseTime: 4.5, responseLength: 9, context: { topic: "t" }, url: "mqtt://b" },
    ]);
    expect(seen[0]!.startTime).toBeGreaterThanOrEqual(before);
  });
});
