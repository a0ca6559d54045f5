import { describe, expect, test } from "bun:test";
import { CatchResponseError, InterruptTaskSet, LocustError, ResponseError } from "../../../src/core/errors.ts";
import { BadStatusCode } from "../../../src/protocols/fasthttp/index.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createFastFixture } from "./session-fixture.ts";

/** Locust's catch_response behaviour vector (reference §10.1, case 17), for FastHttpSession. */
describe("catchResponse", () => {
  test("a 500 without catchResponse is one failure", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.get("/fail");
    expect(fixture.events).toHaveLength(1);
    expect(fixture.events[0]!.exception).toBeInstanceOf(BadStatusCode);
  });

  test("a callback that marks nothing on a 200 reports a success when it settles", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    let reportedInside = -1;
    const response = await fixture.client.get("/ultra_fast", {}, () => {
      reportedInside = fixture.events.length;
    });
    expect(reportedInside).toBe(0);
    expect(response.status).toBe(200);
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });

  test("a ResponseError thrown in the callback is the failure and is suppressed", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const error = new ResponseError("bad content");
    await fixture.client.get("/ultra_fast", { catchResponse: true }, () => {
      throw error;
    });
    expect(fixture.events.map((e) => e.exception)).toEqual([error]);
  });

  test("raiseForStatus() in the callback: BadStatusCode is recorded as the failure and propagates (not a ResponseError)", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const outcome = fixture.client.get("/status/500", {}, (response) => response.raiseForStatus());
    await expect(outcome).rejects.toBeInstanceOf(BadStatusCode);
    expect(fixture.events).toHaveLength(1);
    expect(fixture.events[0]!.exception).toBeInstanceOf(BadStatusCode);
  });

  test("failure('Haha!') reports a CatchResponseError", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.get("/ultra_fast", {}, (response) => response.failure("Haha!"));
    const exception = fixture.events[0]!.exception;
    expect(exception).toBeInstanceOf(CatchResponseError);
    expect((exception as Error).message).toBe("Haha!");
  });

  test.each(["/fail", "/status/404"])("success() on %s reports a success", async (path) => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.get(path, {}, (response) => response.success());
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });

  test("failure, success, failure, success: the last call wins, one request", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.get("/ultra_fast", {}, (response) => {
      response.failure("1");
      response.success();
      response.failure("2");
      response.success();
    });
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });

  test("success() then another error: reported as a success, the error propagates", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.get("/ultra_fast", {}, (response) => {
      response.success();
      throw new Error("boom");
    });
    await expect(call).rejects.toThrow("boom");
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });

  test("InterruptTaskSet without a verdict reports nothing and propagates", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.get("/ultra_fast", {}, () => {
      throw new InterruptTaskSet();
    });
    await expect(call).rejects.toBeInstanceOf(InterruptTaskSet);
    expect(fixture.events).toHaveLength(0);
  });

  test("a connection error is status 0 with no content, a failure by default and a success when marked", async () => {
    using fixture = createFastFixture("http://127.0.0.1:1");
    const first = await fixture.client.get("/", {}, (response) => {
      expect([response.status, response.content]).toEqual([0, null]);
    });
    await fixture.client.get("/", {}, (response) => response.success());
    expect(first.error?.name).toBe("ConnectionRefusedError");
    expect(fixture.events.map((e) => e.exception === null)).toEqual([false, true]);
  });

  test("a name replaces the url in the stats; the failure message keeps the real url", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.get("/wrong_url/01", { name: "replaced_url_name" }, () => {});
    const event = fixture.events[0]!;
    expect([event.name, event.url]).toEqual(["replaced_url_name", `${target.url}/wrong_url/01`]);
    expect((event.exception as Error).message).toBe(`URL ${target.url}/wrong_url/01: code=404`);
  });

  test("`await using` reports when the block ends, with the verdict set inside", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    {
      await using response = await fixture.client.get("/fail", { catchResponse: true });
      expect(fixture.events).toHaveLength(0);
      response.success();
      expect(() => response.raiseForStatus()).not.toThrow();
    }
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });

  test("the verbs throw Locust's hint when the response was not caught", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.get("/ultra_fast");
    expect(() => response.success()).toThrow(LocustError);
    expect(() => response.failure("x")).toThrow("catch_response=True");
  });
});
