import { expect, test } from "bun:test";
import { formatErrorRepr } from "../../../src/core/errors.ts";
import { createStatusError } from "../../../src/protocols/http-shared/index.ts";

test.each([
  [399, null],
  [400, "400 Client Error: R for url: /n"],
  [499, "499 Client Error: R for url: /n"],
  [500, "500 Server Error: R for url: /n"],
  [599, "599 Server Error: R for url: /n"],
  [600, null],
])("status %d gives %p", (status, message) => {
  expect(createStatusError(status, "R", "/n")?.message ?? null).toBe(message);
});

test("the error reports as HTTPError, the way Locust's failure table shows it", () => {
  expect(formatErrorRepr(createStatusError(404, "Not Found", "/x"))).toBe("HTTPError('404 Client Error: Not Found for url: /x')");
});
