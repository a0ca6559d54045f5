/**
 * HTTP over Bun's `fetch`: HttpUser, HttpSession, the response object, and the pieces FastHttpUser shares
 * (request options, naming rules, catch-response rules, status and transport errors).
 * @module
 */
export { HttpUser } from "./http-user.ts";
export {
  HttpSession,
  type HttpSessionSettings,
  type SessionUser,
  type RequestReporter,
  type CatchResponseCallback,
} from "./session.ts";
export { HttpResponse, type HttpResponseInit, type SentRequest } from "./response.ts";
export { CaughtResponse } from "./caught-response.ts";
export { decodeText } from "./decode-text.ts";
export type { RequestOptions, RequestData, QueryParams, FormFields, ParamValue, HttpMethod } from "./request-options.ts";
export { CookieJar, parseSetCookie, type StoredCookie } from "./cookie-jar.ts";
export {
  CatchResponseController,
  toFailure,
  NOT_CAUGHT_MESSAGE,
  DISPOSE_NOT_CAUGHT_MESSAGE,
  type CatchResponseSource,
  type ManualResult,
} from "./catch-response.ts";
export {
  MISSING_HOST_MESSAGE,
  isAbsoluteUrl,
  joinUrl,
  encodeParams,
  appendQuery,
  formatPathUrl,
  chooseRequestName,
  renameRequest,
  parseHostCredentials,
  type RequestNameHolder,
  type HostCredentials,
} from "./request-name.ts";
export { prepareRequest, encodeBody, formatBasicAuth, type PreparedRequest, type RequestDefaults } from "./prepare-request.ts";
export { isRedirectStatus, planRedirect, type RedirectHop } from "./redirect.ts";
export { HttpError, createStatusError } from "./http-error.ts";
export { BodyTooLargeError, TransportError, formatErrorText, toOsError, toTransportError } from "./transport-error.ts";
export { DEFAULT_MAX_BODY_SIZE } from "./read-body.ts";
export { FetchGate, defaultFetchGate, FETCH_LEASE_MS, FETCH_POOL_SIZE, type FetchLease } from "./fetch-gate.ts";
export { assertSessionSettings, COMMON_SESSION_KEYS } from "./session-settings.ts";
