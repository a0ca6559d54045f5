import { describe, expect, test } from "bun:test";
import assert from "node:assert";
import { CatchResponseError, RescheduleTask } from "../../../src/core/errors.ts";
import { startHttpTarget } from "../../support/http-target.ts";
import { createFastFixture } from "./session-fixture.ts";

const failureMessage = (exception: unknown) => {
  expect(exception).toBeInstanceOf(CatchResponseError);
  return (exception as Error).message;
};

describe("rest()", () => {
  test("sends JSON headers, parses the body into js and reports a success", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.rest("POST", "/rest", { json: { n: 1 } }, (r) => {
      expect(r.js).toEqual({ received: { n: 1 } });
    });
    expect(response.js).toEqual({ received: { n: 1 } });
    expect(target.requests[0]!.headers).toMatchObject({ "content-type": "application/json", accept: "application/json" });
    expect(fixture.events.map((e) => [e.requestType, e.name, e.exception])).toEqual([["POST", "/rest", null]]);
  });

  test("given headers keep the JSON defaults unless they set Content-Type or Accept themselves", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.rest("GET", "/rest", { headers: { "X-Only": "me" } }, () => {});
    expect(target.requests[0]!.headers).toMatchObject({ "x-only": "me", "content-type": "application/json", accept: "application/json" });
    await fixture.client.rest("GET", "/rest", { headers: { "content-type": "text/plain", Accept: "*/*" } }, () => {});
    expect(target.requests[1]!.headers).toMatchObject({ "content-type": "text/plain", accept: "*/*" });
  });

  test("a body that is not JSON is a failure with Locust's message, and js is null", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.rest("GET", "/ultra_fast", {}, () => {});
    expect(response.js).toBeNull();
    expect(failureMessage(fixture.events[0]!.exception)).toBe(
      "Could not parse response as JSON. This is an ultra fast response, response code 200, error Expecting value: line 1 column 1 (char 0)",
    );
  });

  test("a body that starts like no JSON value gets Python's position (line, column, char); other breakage keeps the parser's text", async () => {
    using server = Bun.serve({ port: 0, fetch: (request) => new Response(new URL(request.url).searchParams.get("body")) });
    using fixture = createFastFixture(server.url.href.slice(0, -1));
    const errorFor = async (body: string) => {
      fixture.events.length = 0;
      await fixture.client.rest("GET", `/?body=${encodeURIComponent(body)}`, {}, () => {});
      return failureMessage(fixture.events[0]!.exception).split(", error ")[1];
    };
    expect(await errorFor("\n\n  <html>")).toBe("Expecting value: line 3 column 3 (char 4)");
    expect(await errorFor("nope")).toBe("Expecting value: line 1 column 1 (char 0)");
    expect(await errorFor('{"a": }')).not.toStartWith("Expecting value");
  });

  test("an empty body leaves js null without a failure", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const response = await fixture.client.rest("GET", "/status/204", {}, () => {});
    expect(response.js).toBeNull();
    expect(fixture.events[0]!.exception).toBeNull();
  });

  test("a connection error is a failure with the error's Python str(), as Locust records it", async () => {
    using fixture = createFastFixture("http://127.0.0.1:1");
    await fixture.client.rest("GET", "/rest", {}, () => {});
    expect(failureMessage(fixture.events[0]!.exception)).toBe("[Errno 111] Connection refused");
  });

  test.each([
    ["with a message", "items missing", "items missing"],
    ["whose message ends with a comma", "items missing,", 'items missing, response was {"ok":true,"items":[1,2,3]}'],
  ])("an assertion %s becomes the failure message", async (_, message, expected) => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.rest("GET", "/rest", {}, (r) => assert.ok((r.js as { missing?: number }).missing, message));
    await expect(call).resolves.toBeDefined();
    expect(failureMessage(fixture.events[0]!.exception)).toBe(expected);
  });

  test("an assertion without a message is 'Assertion failed'", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.rest("GET", "/rest", {}, (r) => assert.ok((r.js as { missing?: number }).missing));
    expect(failureMessage(fixture.events[0]!.exception)).toBe("Assertion failed");
  });

  test("any other error becomes 'Name: message at call sites. Response was …' and is suppressed", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    await fixture.client.rest("GET", "/rest", {}, (r) => (r.js as { a: { b: number } }).a.b);
    const message = failureMessage(fixture.events[0]!.exception);
    expect(message).toStartWith("TypeError: ");
    expect(message).toContain("rest.test.ts:");
    expect(message).toEndWith('. Response was {"ok":true,"items":[1,2,3]}');
  });

  test("control-flow exceptions propagate and report nothing", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const call = fixture.client.rest("GET", "/rest", {}, () => {
      throw new RescheduleTask();
    });
    await expect(call).rejects.toBeInstanceOf(RescheduleTask);
    expect(fixture.events).toHaveLength(0);
  });

  test("without a callback the caught response reports when disposed", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    {
      await using response = await fixture.client.rest("GET", "/rest");
      expect(response.js).toEqual({ ok: true, items: [1, 2, 3] });
      expect(fixture.events).toHaveLength(0);
    }
    expect(fixture.events.map((e) => e.exception)).toEqual([null]);
  });
});

describe("rest_()", () => {
  test("adds a cache-busting _ parameter and names the request url?_=...", async () => {
    await using target = startHttpTarget();
    using fixture = createFastFixture(target.url);
    const before = Date.now();
    await fixture.client.rest_("GET", "/rest", {}, () => {});
    await fixture.client.rest_("GET", "/rest?x=1", {}, () => {});
    await fixture.client.rest_("GET", "/rest", { name: "mine" }, () => {});
    expect(fixture.events.map((e) => e.name)).toEqual(["/rest?_=...", "/rest?x=1&_=...", "mine"]);
    const stamp = Number(new URLSearchParams(target.requests[0]!.query).get("_"));
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
    expect(target.requests[1]!.query).toStartWith("x=1&_=");
  });
});
