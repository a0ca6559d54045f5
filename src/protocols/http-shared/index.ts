/**
 * What HttpSession (fetch) and FastHttpSession (its own HTTP/1.1 client) share, so both follow the same rules:
 * request options and their encoding, request names, catch-response, cookies, redirects, status and transport
 * errors, and text decoding. Internal to locust-bun's HTTP protocols; users import `locust-bun/http` or
 * `locust-bun/fasthttp`.
 * @module
 */
export type { RequestOptions, RequestData, QueryParams, FormFields, ParamValue, HttpMethod } from "./request-options.ts";
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
export { assertSessionSettings, COMMON_SESSION_KEYS } from "./session-settings.ts";
export type { SessionUser, RequestReporter } from "./session-user.ts";
export {
  CatchResponseController,
  toFailure,
  NOT_CAUGHT_MESSAGE,
  DISPOSE_NOT_CAUGHT_MESSAGE,
  type CatchResponseSource,
  type ManualResult,
} from "./catch-response.ts";
export { CaughtResponse, type SentRequest } from "./caught-response.ts";
export { CookieJar, parseSetCookie, type StoredCookie } from "./cookie-jar.ts";
export { isRedirectStatus, planRedirect, type RedirectHop } from "./redirect.ts";
export { HttpError, createStatusError } from "./http-error.ts";
export {
  BodyTooLargeError,
  DEFAULT_MAX_BODY_SIZE,
  TransportError,
  formatErrorText,
  toOsError,
  toTransportError,
} from "./transport-error.ts";
export { decodeText } from "./decode-text.ts";
