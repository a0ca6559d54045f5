import { describe, expect, test } from "bun:test";
import { ResponseError, formatErrorRepr } from "../../../src/core/errors.ts";
import { createOpenAIStatusError } from "../../../src/protocols/openai/openai-error.ts";

describe("createOpenAIStatusError", () => {
  test.each<[number, string, string, string]>([
    [401, "Unauthorized", "Bad key.", "401 Client Error: Unauthorized for url: chat (Bad key.)"],
    [503, "Service Unavailable", "", "503 Server Error: Service Unavailable for url: chat"],
  ])("words status %d like python-requests, with the server's message", (status, reason, serverMessage, message) => {
    const error = createOpenAIStatusError(status, reason, "chat", serverMessage);
    expect([error.message, error.status, error instanceof ResponseError]).toEqual([message, status, true]);
    expect(formatErrorRepr(error)).toBe(`OpenAIError('${message}')`);
  });
});
