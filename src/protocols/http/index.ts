/**
 * HTTP over Bun's `fetch`: HttpUser, HttpSession, the response object, the request options, and the errors a
 * request can fail with.
 * @module
 */
export { HttpUser } from "./http-user.ts";
export { HttpSession, type HttpSessionSettings, type CatchResponseCallback } from "./session.ts";
export { HttpResponse, type HttpResponseInit } from "./response.ts";
export { FetchGate, type FetchLease } from "./fetch-gate.ts";
export {
  BodyTooLargeError,
  CaughtResponse,
  CookieJar,
  DEFAULT_MAX_BODY_SIZE,
  HttpError,
  TransportError,
  type FormFields,
  type HttpMethod,
  type ParamValue,
  type QueryParams,
  type RequestData,
  type RequestOptions,
  type SessionUser,
  type RequestReporter,
  type SentRequest,
  type StoredCookie,
} from "../http-shared/index.ts";
