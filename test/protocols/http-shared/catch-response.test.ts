import { describe, expect, test } from "bun:test";
import { CatchResponseError, InterruptTaskSet, LocustError, RescheduleTask, ResponseError, StopUser } from "../../../src/core/errors.ts";
import { CatchResponseController, DISPOSE_NOT_CAUGHT_MESSAGE, HttpError, NOT_CAUGHT_MESSAGE, toFailure } from "../../../src/protocols/http-shared/index.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createSessionFixture } from "../http/session-fixture.ts";

const failures = (events: RequestEvent[]) => events.filter((e) => e.exception !== null && e.exception !== undefined);

describe("catch-response matrix (Locust vector 17)", () => {
  test("a 500 without catchResponse is one failed request", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get("/fail");
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBeInstanceOf(HttpError);
    expect(String(events[0]!.exception)).toBe("HTTPError: 500 Server Error: Internal Server Error for url: /fail");
  });

  test("a caught 200 without marking is a success, reported only after the callback settles", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    let seenInside = -1;
    const response = await client.get("/ultra_fast", { catchResponse: true }, async (r) => {
      await new Promise((resolve) => setImmediate(resolve));
      seenInside = events.length;
      expect(r.status).toBe(200);
    });
    expect(seenInside).toBe(0);
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBeNull();
  });

  test("a ResponseError thrown inside is recorded as the failure and suppressed", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const thrown = new ResponseError("bad content");
    const response = await client.get("/ultra_fast", { catchResponse: true }, () => {
      throw thrown;
    });
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBe(thrown);
  });

  test("failure('Haha!') records a CatchResponseError with that text", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get("/ultra_fast", { catchResponse: true }, (r) => r.failure("Haha!"));
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBeInstanceOf(CatchResponseError);
    expect((events[0]!.exception as Error).message).toBe("Haha!");
  });

  test.each([500, 404])("success() turns a %d into a success", async (status) => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get(`/status/${status}`, { catchResponse: true }, (r) => r.success());
    expect(events).toHaveLength(1);
    expect(failures(events)).toHaveLength(0);
  });

  test("the last of failure, success, failure, success wins", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get("/fail", { catchResponse: true }, (r) => {
      r.failure("one");
      r.success();
      r.failure("two");
      r.success();
    });
    expect(events).toHaveLength(1);
    expect(failures(events)).toHaveLength(0);
  });

  test("success() then another exception reports a success and the exception propagates", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const call = client.get("/ultra_fast", { catchResponse: true }, (r) => {
      r.success();
      throw new Error("after success");
    });
    await expect(call).rejects.toThrow("after success");
    expect(events).toHaveLength(1);
    expect(failures(events)).toHaveLength(0);
  });

  test("a manual failure is reported even when a ResponseError is thrown afterwards, which then propagates", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const call = client.get("/ultra_fast", { catchResponse: true }, (r) => {
      r.failure("marked");
      throw new ResponseError("thrown");
    });
    await expect(call).rejects.toThrow("thrown");
    expect(events).toHaveLength(1);
    expect((events[0]!.exception as Error).message).toBe("marked");
  });

  test.each([
    ["InterruptTaskSet", () => new InterruptTaskSet(false)],
    ["RescheduleTask", () => new RescheduleTask()],
    ["StopUser", () => new StopUser()],
  ])("%s thrown inside without marking reports nothing and propagates", async (_name, make) => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const error = make();
    const call = client.get("/ultra_fast", { catchResponse: true }, () => {
      throw error;
    });
    await expect(call).rejects.toBe(error);
    expect(events).toHaveLength(0);
  });

  test("any other error thrown inside is recorded as the request's failure and still propagates", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const error = new TypeError("cannot read body");
    await expect(client.get("/ultra_fast", { catchResponse: true }, () => { throw error; })).rejects.toBe(error);
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBe(error);
  });

  test("a refused connection is status 0 with no content, a failure by default and a success when marked", async () => {
    const { client, events } = createSessionFixture("http://127.0.0.1:1");
    const plain = await client.get("/", { catchResponse: true }, () => {});
    expect(plain.status).toBe(0);
    expect(plain.content).toBeNull();
    expect(events[0]!.exception).toBe(plain.error);
    await client.get("/", { catchResponse: true }, (r) => r.success());
    expect(events).toHaveLength(2);
    expect(events[1]!.exception).toBeNull();
  });

  test("a named 404 names the failure by the name while the event keeps the real URL", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    await client.get("/wrong_url/01", { name: "replaced_url_name", catchResponse: true }, () => {});
    expect(String(events[0]!.exception)).toContain("for url: replaced_url_name");
    expect(events[0]!.url).toBe(`${target.url}/wrong_url/01`);
    expect(events[0]!.name).toBe("replaced_url_name");
  });
});

describe("catch-response without a callback", () => {
  test("await using reports when the block ends, with the manual result", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    {
      await using response = await client.get("/fail", { catchResponse: true });
      expect(events).toHaveLength(0);
      if (response.status === 500) response.success();
    }
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBeNull();
  });

  test("report() fires once; later success() and failure() throw", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const response = await client.get("/fail", { catchResponse: true });
    response.report();
    response.report();
    expect(events).toHaveLength(1);
    expect(events[0]!.exception).toBeInstanceOf(HttpError);
    expect(() => response.success()).toThrow(LocustError);
  });

  test("raiseForStatus follows the manual result of a caught response", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const response = await client.get("/fail", { catchResponse: true });
    expect(() => response.raiseForStatus()).toThrow("500 Server Error: Internal Server Error for url: " + target.url + "/fail");
    response.success();
    expect(() => response.raiseForStatus()).not.toThrow();
    response.failure("manual");
    expect(() => response.raiseForStatus()).toThrow("manual");
    response.report();
  });
});

describe("raiseForStatus() inside the callback", () => {
  test("its HTTPError is not a ResponseError: recorded as that request's failure, then propagated (not swallowed)", async () => {
    await using target = startHttpTarget();
    const { client, events } = createSessionFixture(target.url);
    const outcome = client.get("/fail", { name: "fail" }, (response) => response.raiseForStatus());
    await expect(outcome).rejects.toBeInstanceOf(HttpError);
    expect(events).toHaveLength(1);
    expect(String(events[0]!.exception)).toBe(`HTTPError: 500 Server Error: Internal Server Error for url: ${target.url}/fail`);
  });
});

describe("responses requested without catchResponse", () => {
  test("success() and failure() throw Locust's catch_response error", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const response = await client.get("/ultra_fast");
    expect(() => response.success()).toThrow(NOT_CAUGHT_MESSAGE);
    expect(() => response.failure("x")).toThrow(NOT_CAUGHT_MESSAGE);
  });

  test("disposing one with await using throws Locust's with-block error", async () => {
    await using target = startHttpTarget();
    const { client } = createSessionFixture(target.url);
    const use = async () => {
      await using _response = await client.get("/ultra_fast");
    };
    await expect(use()).rejects.toThrow(DISPOSE_NOT_CAUGHT_MESSAGE);
  });
});

describe("CatchResponseController on its own", () => {
  const source = (fired: RequestEvent[], defaultFailure: unknown = null) => ({
    event: { requestType: "GET", name: "/x", responseTime: 1, responseLength: 0, exception: null } as RequestEvent,
    defaultFailure: () => defaultFailure,
    report: (event: RequestEvent) => fired.push({ ...event }),
  });

  test("the default verdict is used when nothing is marked", () => {
    const fired: RequestEvent[] = [];
    const failure = new Error("default");
    new CatchResponseController(source(fired, failure)).report();
    expect(fired.map((e) => e.exception)).toEqual([failure]);
  });

  test("failure() wraps strings and plain values in CatchResponseError and keeps errors", () => {
    expect(toFailure({ code: 7 })).toEqual(new CatchResponseError('{"code":7}'));
    expect(toFailure("text").message).toBe("text");
    const error = new RangeError("kept");
    expect(toFailure(error)).toBe(error);
  });
});
