/**
 * FastHttpUser: Locust's FastHttpUser on a hand-written HTTP/1.1 keep-alive client over `Bun.connect`, with the
 * request options it shares with HttpUser and the errors a request can fail with.
 * @module
 */
export { FastHttpUser } from "./fast-http-user.ts";
export { FastHttpSession, type FastHttpSessionSettings, type FastCatchResponseCallback } from "./session.ts";
export { FastResponse, BadStatusCode, type SentRequestSource } from "./fast-response.ts";
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
export type {
  FormFields,
  HttpMethod,
  ParamValue,
  QueryParams,
  RequestData,
  RequestOptions,
} from "../http-shared/index.ts";
