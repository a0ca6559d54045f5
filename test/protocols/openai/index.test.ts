import { describe, expect, test } from "bun:test";
import * as barrel from "../../../src/protocols/openai/index.ts";

describe("locust-bun/openai", () => {
  test("exports exactly its public API", () => {
    expect(Object.keys(barrel).sort()).toEqual([
      "OPENAI_REQUEST_TYPE",
      "OpenAIClient",
      "OpenAIError",
      "OpenAIUser",
      "SseDecoder",
      "TTFT_REQUEST_TYPE",
    ]);
  });

  test("names calls by the HTTP method and time to first token by its own request type", () => {
    expect([barrel.OPENAI_REQUEST_TYPE, barrel.TTFT_REQUEST_TYPE]).toEqual(["POST", "TTFT"]);
  });
});
