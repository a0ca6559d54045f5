/**
 * Locust's `rest()` conventions for JSON APIs: the parsed body in `response.js`, and errors raised while checking
 * the response turned into failures with readable messages.
 * @module
 */
import { homedir } from "node:os";
import { resolve } from "node:path";
import { isControlFlow } from "../../core/errors.ts";
import { type CatchResponseController, formatErrorText } from "../http-shared/index.ts";
import type { FastResponse } from "./fast-response.ts";

/** Checks a `rest()` response; a thrown error (an assertion, a TypeError…) marks it failed instead of escaping. */
export type RestCallback = (response: FastResponse) => unknown;

const HOME = homedir();
/** This package's own source folder: its frames are plumbing, not the user's call sites. */
const OWN_SOURCE = resolve(import.meta.dir, "../..") + "/";
const FRAME = /\(?((?:file:\/\/)?\/[^()\s]+):(\d+):\d+\)?$/;

/** `url?_=<epoch ms>` (or `&_=`), and the name `url?_=...` unless one is given: Locust's `rest_()`. */
export function withCacheBuster(url: string, name: string | undefined): { url: string; name: string } {
  const separator = url.includes("?") ? "&" : "?";
  return { url: `${url}${separator}_=${Date.now()}`, name: name ?? `${url}${separator}_=...` };
}

/** `file:line` of the stack frames outside dependencies and this package, home directory shortened to `~/`. */
function formatCallSites(err: Error): string {
  const sites: string[] = [];
  for (const line of (err.stack ?? "").split("\n").slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.replace(/^file:\/\//, "");
    if (file.includes("/node_modules/") || file.startsWith(OWN_SOURCE)) continue;
    sites.push(`${HOME && file.startsWith(HOME + "/") ? "~" + file.slice(HOME.length) : file}:${match[2]}`);
  }
  return sites.slice(0, 5).join(", ");
}

/** The failure message Locust's `rest()` records for an error raised while checking `response`. */
export function formatRestFailure(err: unknown, response: FastResponse): string {
  const short = response.text.slice(0, 200);
  if (err instanceof Error && err.name === "AssertionError") {
    const message = (err as { generatedMessage?: boolean }).generatedMessage ? "" : err.message;
    if (!message) return "Assertion failed";
    return message.endsWith(",") ? `${message.slice(0, -1)}, response was ${short}` : message;
  }
  if (!(err instanceof Error)) return `${typeof err}: ${String(err)}. Response was ${short}`;
  return `${err.name}: ${err.message} at ${formatCallSites(err)}. Response was ${short}`;
}

/** How a JSON value can start for Python's `json` (which also takes NaN and Infinity). */
const VALUE_START = /^(?:[{["]|-?\d|true|false|null|NaN|-?Infinity)/;

/**
 * Python's `json.loads` message for `text` when it does not start with a value — `Expecting value: line 1 column 1
 * (char 0)` for an HTML page or plain text, the usual case — so such failures group as in Locust; otherwise the
 * JavaScript parser's message.
 */
function describeJsonError(text: string, err: unknown): string {
  const at = text.search(/[^ \t\n\r]/);
  if (at >= 0 && !VALUE_START.test(text.slice(at, at + 9))) {
    const line = text.slice(0, at).split("\n").length;
    const column = at - text.lastIndexOf("\n", at - 1);
    return `Expecting value: line ${line} column ${column} (char ${at})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Sets `response.js`, and marks the failure for a transport error or a body that is not JSON. */
function parseJsonBody(response: FastResponse): void {
  response.js = null;
  if (response.content === null) {
    response.failure(response.error ? formatErrorText(response.error) : "no response");
    return;
  }
  const text = response.text;
  if (!text) return;
  try {
    response.js = JSON.parse(text);
  } catch (err) {
    response.failure(`Could not parse response as JSON. ${text.slice(0, 250)}, response code ${response.status}, error ${describeJsonError(text, err)}`);
  }
}

/**
 * Runs the `rest()` rules on a caught response. With a callback, reports when it settles (control-flow exceptions
 * still propagate); without one, the caller reports (`await using` or `response.report()`).
 */
export async function runRest(response: FastResponse, controller: CatchResponseController, callback?: RestCallback): Promise<FastResponse> {
  parseJsonBody(response);
  if (callback === undefined) return response;
  try {
    await callback(response);
  } catch (err) {
    if (isControlFlow(err)) {
      controller.settle(err);
      throw err;
    }
    response.failure(formatRestFailure(err, response));
  }
  controller.report();
  return response;
}
