import { describe, expect, test } from "bun:test";
import * as barrel from "../../../src/protocols/fasthttp/index.ts";

describe("locust-bun/fasthttp", () => {
  test("exports exactly its public API", () => {
    expect(Object.keys(barrel).sort()).toEqual([
      "ACCEPT_ENCODING",
      "BadStatusCode",
      "ConnectionClosedError",
      "ConnectionRefusedError",
      "ConnectionResetError",
      "ContentDecodingError",
      "DEFAULT_MAX_HEADER_SIZE",
      "FastHttpSession",
      "FastHttpUser",
      "FastResponse",
      "HttpParseError",
      "ParsedResponse",
      "RequestTimeoutError",
      "ResponseParser",
      "TlsError",
      "isSuccessStatus",
    ]);
  });
});
