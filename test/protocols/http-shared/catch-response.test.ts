import { describe, expect, test } from "bun:test";
import { CatchResponseError } from "../../../src/core/errors.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { CatchResponseController, toFailure } from "../../../src/protocols/http-shared/index.ts";

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
