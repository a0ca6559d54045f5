/**
 * The per-request options shared by `HttpSession` (fetch) and `FastHttpSession` (Bun.connect).
 * @module
 */

/** One query-string or form value; arrays repeat the key (`{ a: [1, 2] }` → `a=1&a=2`). */
export type ParamValue = string | number | boolean;

/** Query parameters: an object (array values repeat the key) or a ready `URLSearchParams`. */
export type QueryParams = Record<string, ParamValue | readonly ParamValue[]> | URLSearchParams;

/** A form object, sent as `application/x-www-form-urlencoded`. */
export type FormFields = Record<string, ParamValue | readonly ParamValue[]>;

/** A request body: text, bytes, or a form object. */
export type RequestData = string | Uint8Array | ArrayBuffer | FormFields;

/**
 * Options of one request — python-requests' keyword arguments in camelCase.
 * @see https://docs.locust.io/en/stable/writing-a-locustfile.html#making-http-requests
 */
export interface RequestOptions {
  /** Stats name; groups different URLs under one entry. Wins over `renameRequest` and the URL. */
  name?: string;
  /**
   * Let the caller decide success or failure with `response.success()` / `response.failure(...)`. With a callback
   * (which implies this option) the request is reported when the callback settles. Without one, it is reported
   * when the response is disposed — `await using response = await client.get(url, { catchResponse: true })` —
   * or `response.report()` is called; a caught response that is neither is never reported.
   */
  catchResponse?: boolean;
  /** Appended to the URL's query string (after any query already in the URL). */
  params?: QueryParams;
  /** Serialised as the JSON body with `Content-Type: application/json`; ignored when `data` is given. */
  json?: unknown;
  /** The body: a string, bytes, or a form object (url-encoded). */
  data?: RequestData;
  /** Extra request headers; they override session defaults. */
  headers?: Record<string, string> | Headers;
  /** Cookies sent with this request only (added to the session's jar cookies; not stored). */
  cookies?: Record<string, string>;
  /** HTTP Basic credentials for this request. */
  auth?: readonly [user: string, password: string];
  /** Seconds before the request is given up (connection and response); none means wait forever, as requests does. */
  timeout?: number;
  /** Follow redirects (default true; false for `head`). */
  allowRedirects?: boolean;
  /** Merged over `user.context()` into the request event's `context`. */
  context?: Record<string, unknown>;
  /** Do not read the body: `responseLength` comes from `Content-Length` and the body is left to the caller. */
  stream?: boolean;
  /** Verify the server's TLS certificate (default: the session's setting). */
  verify?: boolean;
}

/** A request method: any string is sent as given; the helpers use upper case. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | (string & {});
