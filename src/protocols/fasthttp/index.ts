/**
 * FastHttpUser: Locust's FastHttpUser on a hand-written HTTP/1.1 keep-alive client over `Bun.connect`.
 * @module
 */
export { FastHttpUser } from "./fast-http-user.ts";
export { FastHttpSession, type FastHttpSessionSettings, type FastCatchResponseCallback } from "./session.ts";
export { FastResponse, BadStatusCode, isSuccessStatus, type SentRequestSource } from "./fast-response.ts";
export type { RestCallback } from "./rest.ts";
export {
  ConnectionRefusedError,
  ConnectionResetError,
  ConnectionClosedError,
  RequestTimeoutError,
  TlsError,
  ContentDecodingError,
  BodyTooLargeError,
} from "./transport-error.ts";
export { HttpParseError } from "./http-parse-error.ts";
export { ResponseParser, DEFAULT_MAX_HEADER_SIZE } from "./response-parser.ts";
export { ParsedResponse } from "./parsed-response.ts";
export { ACCEPT_ENCODING } from "./content-decoding.ts";
export { DEFAULT_MAX_BODY_SIZE } from "../http/index.ts";
