import { encodeParams } from "./request-name.ts";
import type { RequestData, RequestOptions } from "./request-options.ts";

/** Headers and body of a request, built from its options; the same for every protocol. */
export interface PreparedRequest {
  /** Upper-case, as sent (the request event keeps the caller's spelling). */
  method: string;
  /** The first URL (params included), before any redirect. */
  url: string;
  headers: Headers;
  body: string | Uint8Array | ArrayBuffer | undefined;
}

/** Session-wide defaults a request starts from. */
export interface RequestDefaults {
  headers?: Headers;
  /** Basic credentials used when the request sets no `auth`; they replace an Authorization header. */
  auth?: readonly [user: string, password: string];
}

/** `Basic base64(user:password)`, UTF-8 encoded. */
export function formatBasicAuth(user: string, password: string): string {
  return "Basic " + Buffer.from(`${user}:${password}`, "utf8").toString("base64");
}

function encodeData(data: RequestData): { body: string | Uint8Array | ArrayBuffer; contentType?: string } {
  if (typeof data === "string" || data instanceof Uint8Array || data instanceof ArrayBuffer) return { body: data };
  return { body: encodeParams(data), contentType: "application/x-www-form-urlencoded" };
}

/** Python's falsy `data`: none, "", no bytes, an empty form. requests then sends `json`, or no body at all. */
function isEmptyData(data: RequestData): boolean {
  if (typeof data === "string") return data.length === 0;
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return data.byteLength === 0;
  return Object.keys(data).length === 0;
}

/**
 * The body and content type of `options`, as requests sends them: `data` as given (a form object url-encoded)
 * unless it is empty, else `json` serialised with `application/json`; undefined when neither is set.
 */
export function encodeBody(options: RequestOptions): { body: string | Uint8Array | ArrayBuffer | undefined; contentType?: string } {
  const data = options.data;
  if (data !== undefined && data !== null && !isEmptyData(data)) return encodeData(data);
  if (options.json !== undefined) return { body: JSON.stringify(options.json), contentType: "application/json" };
  return { body: undefined };
}

/**
 * Merges session headers with the request's, sets Content-Type for json and form bodies (unless given) and
 * Authorization from `auth`, else from the session's credentials; either replaces an Authorization header, as
 * requests' auth does.
 */
export function prepareRequest(method: string, url: string, options: RequestOptions, defaults: RequestDefaults = {}): PreparedRequest {
  const headers = new Headers(defaults.headers);
  if (options.headers) {
    const own = options.headers instanceof Headers ? options.headers : Object.entries(options.headers);
    for (const [key, value] of own) headers.set(key, value);
  }
  const { body, contentType } = encodeBody(options);
  if (contentType && !headers.has("content-type")) headers.set("content-type", contentType);
  const auth = options.auth ?? defaults.auth;
  if (auth) headers.set("authorization", formatBasicAuth(auth[0], auth[1]));
  // Upper-case on the wire, as requests sends it; Bun's fetch would send a mixed-case `Post` as GET.
  return { method: method.toUpperCase(), url, headers, body };
}
