import { describe, expect, test } from "bun:test";
import { CatchResponseError, LocustError } from "../../../src/core/errors.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { FastResponse } from "../../../src/protocols/fasthttp/index.ts";
import { ResponseParser } from "../../../src/protocols/fasthttp/response-parser.ts";
import {
  CatchResponseController,
  CaughtResponse,
  DISPOSE_NOT_CAUGHT_MESSAGE,
  NOT_CAUGHT_MESSAGE,
} from "../../../src/protocols/http-shared/index.ts";
import { HttpResponse } from "../../../src/protocols/http/index.ts";

const URL = "http://h.test/x";

function httpResponse(status: number): HttpResponse {
  const request = { method: "GET", url: URL, headers: new Headers() };
  return new HttpResponse({ status, reason: "Reason", content: new TextEncoder().encode('{"n":1}'), url: URL, elapsed: 1, request });
}

function fastResponse(status: number): FastResponse {
  const parser = new ResponseParser();
  parser.start(false);
  parser.feed(new TextEncoder().encode(`HTTP/1.1 ${status} Reason\r\nContent-Length: 7\r\n\r\n{"n":1}`));
  return new FastResponse(parser.response, null, URL, 1, { method: "GET", headerLines: "" });
}

/** Binds `response` to a controller whose reports land in the returned list. */
function caught(response: CaughtResponse): RequestEvent[] {
  const fired: RequestEvent[] = [];
  const event: RequestEvent = { requestType: "GET", name: "/x", responseTime: 1, responseLength: 7, exception: null };
  response.attachCatch(
    new CatchResponseController({ event, defaultFailure: () => response.defaultFailure("/x"), report: (e) => fired.push({ ...e }) }),
  );
  return fired;
}

describe.each([
  ["HttpResponse", httpResponse],
  ["FastResponse", fastResponse],
] as const)("%s as a CaughtResponse", (_, make) => {
  test("shares status, ok and json() with the other response", () => {
    const response = make(201);
    expect(response).toBeInstanceOf(CaughtResponse);
    expect([response.statusCode, response.ok, make(500).ok, response.json<{ n: number }>().n]).toEqual([201, true, false, 1]);
  });

  test("refuses the catch-response verbs with Locust's messages when not caught", async () => {
    const response = make(200);
    for (const verb of [() => response.success(), () => response.failure("x"), () => response.report()]) {
      expect(verb).toThrow(new LocustError(NOT_CAUGHT_MESSAGE));
    }
    expect(() => response.success()).toThrow(expect.objectContaining({ code: "CATCH_RESPONSE_REQUIRED" }));
    await expect(response[Symbol.asyncDispose]()).rejects.toThrow(DISPOSE_NOT_CAUGHT_MESSAGE);
  });

  test("a manual failure is what raiseForStatus throws and what is reported, once", async () => {
    const response = make(200);
    const fired = caught(response);
    response.failure("wrong body");
    expect(() => response.raiseForStatus()).toThrow(new CatchResponseError("wrong body"));
    await response[Symbol.asyncDispose]();
    response.report();
    expect(fired.map((e) => e.exception)).toEqual([new CatchResponseError("wrong body")]);
  });

  test("a manual success silences raiseForStatus and reports no failure for a 500", () => {
    const response = make(500);
    const fired = caught(response);
    expect(() => response.raiseForStatus()).toThrow();
    response.success();
    expect(() => response.raiseForStatus()).not.toThrow();
    response.report();
    expect(fired.map((e) => e.exception)).toEqual([null]);
  });

  test("an unmarked caught response reports its own default failure", () => {
    const response = make(500);
    const fired = caught(response);
    response.report();
    expect(fired.map((e) => e.exception)).toEqual([response.defaultFailure("/x")]);
    expect(fired[0]!.exception).toBeInstanceOf(Error);
  });
});
