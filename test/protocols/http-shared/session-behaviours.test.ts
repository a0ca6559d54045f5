/**
 * The session behaviours HttpSession (fetch) and FastHttpSession share — naming, failure rules, redirects, cookies,
 * catch-response (Locust vectors 17 and 18) — run once per client. Where Locust's two clients differ, the client's
 * row in CLIENTS says how; everything else is expected of both.
 */
import { describe, expect, test } from "bun:test";
import { CatchResponseError, InterruptTaskSet, LocustError, RescheduleTask, ResponseError, StopUser } from "../../../src/core/errors.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { BadStatusCode } from "../../../src/protocols/fasthttp/index.ts";
import { HttpError, type HttpMethod, type RequestOptions } from "../../../src/protocols/http/index.ts";
import { DISPOSE_NOT_CAUGHT_MESSAGE, NOT_CAUGHT_MESSAGE } from "../../../src/protocols/http-shared/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createFastFixture } from "../fasthttp/session-fixture.ts";
import { createSessionFixture } from "../http/session-fixture.ts";

/** The response surface both sessions return. */
interface SharedResponse {
  readonly status: number;
  readonly text: string;
  readonly content: Uint8Array | null;
  readonly error: Error | undefined;
  readonly url: string;
  readonly history: readonly SharedResponse[];
  json<T>(): T;
  success(): void;
  failure(reason: unknown): void;
  raiseForStatus(): void;
  report(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

type Callback = (response: SharedResponse) => unknown;

/** The session surface both clients offer. */
interface SharedSession {
  get(url: string, options?: RequestOptions, callback?: Callback): Promise<SharedResponse>;
  post(url: string, options?: RequestOptions, callback?: Callback): Promise<SharedResponse>;
  request(method: HttpMethod, url: string, options?: RequestOptions, callback?: Callback): Promise<SharedResponse>;
  renameRequest<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  maxRedirects: number;
  readonly cookies: { get(name: string): string | undefined };
}

interface SessionFixture extends Disposable {
  client: SharedSession;
  events: RequestEvent[];
}

/** How one client behaves where Locust's HttpUser and FastHttpUser differ. */
interface ClientCase {
  open(host: string): SessionFixture;
  /** The stats name of `GET /echo?a=1` with `params: { b: 2 }`, and of an absolute URL. */
  paramsName: string;
  absoluteName: (url: string) => string;
  /** Statuses that are failures among 200, 204, 300, 304, 305, 400, 404, 500. */
  failingStatuses: number[];
  /** The failure a 404 of `url` named `name` is reported with. */
  statusError: (url: string, name: string) => { type: Function; message: string };
  /** How the failure past `maxRedirects` is recognised. */
  tooManyRedirects: (error: Error) => boolean;
}

const CLIENTS: Record<string, ClientCase> = {
  HttpUser: {
    open: (host) => ({ ...createSessionFixture(host), [Symbol.dispose]: () => {} }) as unknown as SessionFixture,
    paramsName: "/echo?a=1&b=2",
    absoluteName: (url) => new URL(url).pathname,
    failingStatuses: [400, 404, 500],
    statusError: (_url, name) => ({ type: HttpError, message: `404 Client Error: Not Found for url: ${name}` }),
    tooManyRedirects: (error) => error.name === "TooManyRedirects",
  },
  FastHttpUser: {
    open: (host) => createFastFixture(host) as unknown as SessionFixture,
    paramsName: "/echo?a=1",
    absoluteName: (url) => url,
    failingStatuses: [300, 305, 400, 404, 500],
    statusError: (url) => ({ type: BadStatusCode, message: `URL ${url}: code=404` }),
    tooManyRedirects: (error) => error.message.includes("Redirection limit reached (2)"),
  },
};

const verdicts = (events: RequestEvent[]) => events.map((e) => (e.exception === null ? "ok" : (e.exception as Error).message));

describe.each(Object.entries(CLIENTS))("%s session", (_label, client) => {
  describe("request naming", () => {
    test("params are sent; the name follows the client's rule for params and absolute URLs", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      await fixture.client.get("/echo?a=1", { params: { b: 2 } });
      await fixture.client.get(`${target.url}/ultra_fast`);
      expect(fixture.events.map((e) => e.name)).toEqual([client.paramsName, client.absoluteName(`${target.url}/ultra_fast`)]);
      expect(fixture.events.map((e) => e.url)).toEqual([`${target.url}/echo?a=1&b=2`, `${target.url}/ultra_fast`]);
      expect(target.requests[0]!.query).toBe("a=1&b=2");
    });

    test("name wins, renameRequest names a block, a redirect is named and reported by its first URL", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const { client: session } = fixture;
      await session.get("/ultra_fast", { name: "custom" });
      await session.renameRequest("grouped", async () => {
        await session.get("/ultra_fast?a=1");
        await session.post("/echo", { data: "x" });
        await session.get("/ultra_fast", { name: "explicit" });
      });
      const response = await session.get("/redirect");
      expect(fixture.events.map((e) => e.name)).toEqual(["custom", "grouped", "grouped", "explicit", "/redirect"]);
      expect(fixture.events[4]!.url).toBe(`${target.url}/redirect`);
      expect(response.url).toBe(`${target.url}/ultra_fast`);
    });
  });

  describe("failure rules", () => {
    test("each status is a success or a failure by the client's rule, one event each", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const statuses = [200, 204, 300, 304, 305, 400, 404, 500];
      for (const status of statuses) await fixture.client.get(`/status/${status}`, { allowRedirects: false });
      const failed = fixture.events.map((e, i) => (e.exception === null ? null : statuses[i]));
      expect(failed.filter((status) => status !== null)).toEqual(client.failingStatuses);
    });

    test("a failing status is reported with the client's error, named by the request's name", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.get("/status/404", { name: "status" });
      const expected = client.statusError(`${target.url}/status/404`, "status");
      expect(fixture.events[0]!.exception).toBeInstanceOf(expected.type);
      expect((fixture.events[0]!.exception as Error).message).toBe(expected.message);
      expect(() => response.raiseForStatus()).toThrow(expected.type as new () => Error);
    });

    test("a closed port is status 0, no content, one ConnectionRefusedError failure", async () => {
      using fixture = client.open("http://127.0.0.1:1");
      const response = await fixture.client.get("/nothing");
      expect([response.status, response.content, response.text, response.error?.name]).toEqual([0, null, "", "ConnectionRefusedError"]);
      expect(fixture.events).toHaveLength(1);
      expect(fixture.events[0]).toMatchObject({ name: "/nothing", responseLength: 0, exception: response.error });
    });
  });

  describe("redirects", () => {
    test.each([
      [301, "POST", "GET", ""],
      [302, "POST", "GET", ""],
      [303, "PUT", "GET", ""],
      [307, "POST", "POST", "payload"],
      [308, "PUT", "PUT", "payload"],
    ])("%d after %s arrives as %s with body %p, one event", async (code, method, arrivedAs, body) => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.request(method, `/redirect?url=/echo&code=${code}`, { data: "payload" });
      expect(response.json<{ method: string; body: string }>()).toMatchObject({ method: arrivedAs, body });
      expect([response.url, response.history.map((r) => r.status)]).toEqual([`${target.url}/echo`, [code]]);
      expect(fixture.events).toHaveLength(1);
      expect(fixture.events[0]).toMatchObject({ requestType: method, exception: null });
      expect(target.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} /redirect`, `${arrivedAs} /echo`]);
    });

    test("a chain is followed to the end, with its history, reported once with the final body's length", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.get("/redirect-chain/3");
      expect(response.text).toBe("end of chain");
      expect(response.history.map((r) => new URL(r.url).pathname)).toEqual(["/redirect-chain/3", "/redirect-chain/2", "/redirect-chain/1"]);
      expect(fixture.events.map((e) => [e.name, e.responseLength])).toEqual([["/redirect-chain/3", "end of chain".length]]);
    });

    test("more redirects than maxRedirects is a status-0 failure, and the session goes on", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      fixture.client.maxRedirects = 2;
      const response = await fixture.client.get("/redirect-chain/5");
      expect(response.status).toBe(0);
      expect(client.tooManyRedirects(response.error!)).toBe(true);
      expect(fixture.events[0]!.exception).toBe(response.error);
      expect(target.requests).toHaveLength(3);
      expect((await fixture.client.get("/redirect-chain/2")).text).toBe("end of chain");
    });

    test("allowRedirects false returns the redirect itself as a success", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.get("/redirect", { allowRedirects: false });
      expect(response.status).toBe(302);
      expect(fixture.events[0]!.exception).toBeNull();
      expect(target.hits("GET", "/ultra_fast")).toBe(0);
    });
  });

  describe("cookies", () => {
    test("kept from responses, also across a redirect, and sent back; per-request cookies are not kept", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const cookieOf = async (url: string, options?: RequestOptions) =>
        (await fixture.client.get(url, options)).json<{ headers: Record<string, string> }>().headers.cookie;
      await fixture.client.get("/set-cookie?a=1&b=2");
      expect(await cookieOf("/redirect-set-cookie?c=3")).toBe("a=1; b=2; c=3");
      expect(await cookieOf("/echo", { cookies: { d: "4" } })).toBe("a=1; b=2; c=3; d=4");
      expect([fixture.client.cookies.get("c"), fixture.client.cookies.get("d")]).toEqual(["3", undefined]);
    });

    test("each user has its own jar", async () => {
      await using target = startHttpTarget();
      using first = client.open(target.url);
      using second = client.open(target.url);
      await first.client.get("/set-cookie?session=one");
      const echoes = [await first.client.get("/echo"), await second.client.get("/echo")];
      expect(echoes.map((r) => r.json<{ headers: Record<string, string> }>().headers.cookie ?? "none")).toEqual(["session=one", "none"]);
    });
  });

  describe("catch-response (Locust vector 17)", () => {
    const caught = { catchResponse: true };

    test("an uncaught 500 is one failure; a caught 200 left unmarked is a success reported after the callback", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      await fixture.client.get("/fail");
      let reportedInside = -1;
      await fixture.client.get("/ultra_fast", caught, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        reportedInside = fixture.events.length;
      });
      expect(reportedInside).toBe(1);
      expect(fixture.events.map((e) => e.exception === null)).toEqual([false, true]);
    });

    test("the verdict: failure('Haha!'), success() on 404 and 500, the last of several calls", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      await fixture.client.get("/ultra_fast", caught, (r) => r.failure("Haha!"));
      await fixture.client.get("/status/404", caught, (r) => r.success());
      await fixture.client.get("/fail", caught, (r) => r.success());
      await fixture.client.get("/fail", caught, (r) => (r.failure("1"), r.success(), r.failure("2"), r.success()));
      expect(fixture.events[0]!.exception).toBeInstanceOf(CatchResponseError);
      expect(verdicts(fixture.events)).toEqual(["Haha!", "ok", "ok", "ok"]);
    });

    test("a ResponseError thrown inside is the failure and is suppressed", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const thrown = new ResponseError("bad content");
      const response = await fixture.client.get("/ultra_fast", caught, () => {
        throw thrown;
      });
      expect(response.status).toBe(200);
      expect(fixture.events.map((e) => e.exception)).toEqual([thrown]);
    });

    test("another error propagates: recorded as the failure, or after success() reported as a success", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const error = new TypeError("cannot read body");
      await expect(fixture.client.get("/ultra_fast", caught, () => Promise.reject(error))).rejects.toBe(error);
      const afterSuccess = fixture.client.get("/ultra_fast", caught, (r) => (r.success(), Promise.reject(new Error("boom"))));
      await expect(afterSuccess).rejects.toThrow("boom");
      const afterFailure = fixture.client.get("/ultra_fast", caught, (r) => (r.failure("marked"), Promise.reject(new ResponseError("late"))));
      await expect(afterFailure).rejects.toThrow("late");
      expect(verdicts(fixture.events)).toEqual(["cannot read body", "ok", "marked"]);
    });

    test("raiseForStatus() inside: its error is not a ResponseError, so it is the failure and propagates", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const expected = client.statusError(`${target.url}/status/404`, "/status/404");
      await expect(fixture.client.get("/status/404", caught, (r) => r.raiseForStatus())).rejects.toBeInstanceOf(expected.type);
      expect(fixture.events.map((e) => e.exception instanceof expected.type)).toEqual([true]);
    });

    test.each([
      ["InterruptTaskSet", () => new InterruptTaskSet(false)],
      ["RescheduleTask", () => new RescheduleTask()],
      ["StopUser", () => new StopUser()],
    ])("%s thrown inside without a verdict reports nothing and propagates", async (_name, make) => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const error = make();
      await expect(fixture.client.get("/ultra_fast", caught, () => Promise.reject(error))).rejects.toBe(error);
      expect(fixture.events).toHaveLength(0);
    });

    test("a refused connection is status 0 with no content, a failure by default and a success when marked", async () => {
      using fixture = client.open("http://127.0.0.1:1");
      const plain = await fixture.client.get("/", caught, (r) => void expect([r.status, r.content]).toEqual([0, null]));
      await fixture.client.get("/", caught, (r) => r.success());
      expect(fixture.events.map((e) => e.exception)).toEqual([plain.error, null]);
    });

    test("a named failure keeps the name in the stats and the real URL in the event", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      await fixture.client.get("/status/404", { ...caught, name: "replaced" }, () => {});
      const event = fixture.events[0]!;
      expect([event.name, event.url]).toEqual(["replaced", `${target.url}/status/404`]);
      expect((event.exception as Error).message).toBe(client.statusError(`${target.url}/status/404`, "replaced").message);
    });

    test("`await using` reports when the block ends, with the verdict set inside", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      {
        await using response = await fixture.client.get("/fail", caught);
        expect(fixture.events).toHaveLength(0);
        response.success();
        expect(() => response.raiseForStatus()).not.toThrow();
      }
      expect(verdicts(fixture.events)).toEqual(["ok"]);
    });

    test("report() fires once, after which the verbs throw; raiseForStatus follows the verdict", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.get("/fail", caught);
      const statusError = client.statusError(`${target.url}/fail`, "/fail").type as new () => Error;
      expect(() => response.raiseForStatus()).toThrow(statusError);
      response.success();
      expect(() => response.raiseForStatus()).not.toThrow();
      response.failure("manual");
      expect(() => response.raiseForStatus()).toThrow("manual");
      response.report();
      response.report();
      expect(verdicts(fixture.events)).toEqual(["manual"]);
      expect(() => response.success()).toThrow(LocustError);
    });

    test("a response that was not caught: the verbs and `await using` throw Locust's hints", async () => {
      await using target = startHttpTarget();
      using fixture = client.open(target.url);
      const response = await fixture.client.get("/ultra_fast");
      expect(() => response.success()).toThrow(NOT_CAUGHT_MESSAGE);
      expect(() => response.failure("x")).toThrow(NOT_CAUGHT_MESSAGE);
      const dispose = async () => {
        await using _response = await fixture.client.get("/ultra_fast");
      };
      await expect(dispose()).rejects.toThrow(DISPOSE_NOT_CAUGHT_MESSAGE);
    });
  });
});
