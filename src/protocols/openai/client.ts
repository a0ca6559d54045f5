/**
 * OpenAIClient: chat and text completions against any OpenAI-compatible server, streamed or not, each call
 * reported once through `events.request` with output tokens as its length, plus a time-to-first-token event.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import type { RequestMeta } from "../../core/events/request-hook.ts";
import { FastHttpSession } from "../fasthttp/index.ts";
import { renameRequest, type RequestNameHolder } from "../http-shared/index.ts";
import type { ChatOptions, CommonCallOptions, CompleteOptions } from "./completion-options.ts";
import { CompletionTally, type CompletionResult } from "./completion-result.ts";
import { readCompletionResponse } from "./completion-response.ts";
import { formatChatBody, formatCompletionBody, type CompletionKind } from "./wire-format.ts";
import type { ClientOwner } from "../../core/user/protocol-user.ts";

/** Request type of every call (the HTTP method, as in Locust's OpenAIUser). */
export const OPENAI_REQUEST_TYPE = "POST";
/** Request type of the time-to-first-token events of streamed calls; same name as the call. */
export const TTFT_REQUEST_TYPE = "TTFT";

/** What this client needs from its user (a `User` fits). */
export type OpenAIClientOwner = ClientOwner;

/** Settings of an {@link OpenAIClient}. */
export interface OpenAIClientSettings {
  /** The API root that `/chat/completions` is appended to, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …` when not empty. Default: `OPENAI_API_KEY`, else `LOCUST_OPENAI_API_KEY`, else none. */
  apiKey?: string;
  /** The model of calls that name none. */
  model?: string;
  /** Seconds to connect, and seconds without a byte from the server before a call fails. Default 600 (the OpenAI SDK's). */
  timeout?: number;
  /** Skip TLS certificate checks (self-signed local servers). Default false: the API key is a secret. */
  insecure?: boolean;
  /** Ask streams for a final usage chunk (`stream_options.include_usage`). Default true; turn off for servers that reject it. */
  streamUsage?: boolean;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string>;
}

/** The settings a client runs with, defaults applied (the API key is not kept here). */
export interface ResolvedOpenAIClientSettings {
  baseUrl: string | undefined;
  hasApiKey: boolean;
  model: string | undefined;
  timeout: number;
  insecure: boolean;
  streamUsage: boolean;
}

const MISSING_BASE_URL = "OpenAIUser has no base URL";
const MISSING_BASE_URL_HINT = "Set `static baseUrl` on the user class or pass --host, e.g. --host http://127.0.0.1:8000/v1";
const SSE_HEADERS = { accept: "text/event-stream" };
// The session's own per-request events are dropped: the client reports each call itself, with tokens as length.
const DROP_SESSION_EVENTS = { fire() {} };

function resolveApiKey(apiKey: string | undefined): string {
  return apiKey ?? process.env.OPENAI_API_KEY ?? process.env.LOCUST_OPENAI_API_KEY ?? "";
}

function trimBase(url: string | undefined): string | undefined {
  return url ? url.replace(/\/+$/, "") : undefined;
}

/**
 * A client for one user, on a {@link FastHttpSession}. Chosen over the fetch-based HttpSession because LLM calls
 * are long: fetch goes through a process-wide gate of 64 requests in flight (Bun's pool), so more concurrent
 * streams would queue and the wait would count in their times; FastHttpSession gives each user its own
 * keep-alive connections, streams the body as it arrives, and its network timeout is an idle timeout, which is
 * what a slow but live stream needs.
 *
 * Each call is one request event: type `"POST"`, name = `name` option, else the {@link OpenAIClient.renameRequest}
 * name, else the URL path (`/v1/chat/completions`); response time = until the response was fully read; length =
 * output tokens (see {@link CompletionResult.outputTokens}), not bytes. A streamed call that got a content delta
 * also fires a `"TTFT"` event with the same name and length 0, whose response time is the time to that first
 * delta (also when the stream fails later: the first token did arrive).
 * Failures (status ≥ 400, bad JSON, malformed or unfinished streams, transport errors) are counted and the call
 * resolves to `undefined`; when the user's signal aborts, the call rejects with its reason and reports nothing.
 * @example
 * ```ts
 * const reply = await this.client.chat({ messages: [{ role: "user", content: "Hi" }], stream: true, maxTokens: 64 });
 * if (reply) console.log(reply.text, reply.outputTokens, reply.timeToFirstTokenMs);
 * ```
 */
export class OpenAIClient implements RequestNameHolder {
  /** The name every call gets while set (see {@link OpenAIClient.renameRequest}); `name` still wins. */
  requestName: string | undefined;
  readonly settings: Readonly<ResolvedOpenAIClientSettings>;
  readonly #owner: OpenAIClientOwner;
  readonly #session: FastHttpSession;
  readonly #paths = new Map<string, string>();

  constructor(owner: OpenAIClientOwner, settings: OpenAIClientSettings = {}) {
    const apiKey = resolveApiKey(settings.apiKey);
    const timeout = settings.timeout ?? 600;
    this.#owner = owner;
    this.settings = {
      baseUrl: trimBase(settings.baseUrl),
      hasApiKey: apiKey !== "",
      model: settings.model,
      timeout,
      insecure: settings.insecure ?? false,
      streamUsage: settings.streamUsage ?? true,
    };
    const headers = { ...settings.defaultHeaders, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
    this.#session = new FastHttpSession({
      requestEvent: DROP_SESSION_EVENTS,
      user: owner,
      networkTimeout: timeout,
      connectionTimeout: timeout,
      insecure: this.settings.insecure,
      defaultHeaders: headers,
    });
  }

  /** A chat completion: `POST {baseUrl}/chat/completions`. */
  chat(options: ChatOptions): Promise<CompletionResult | undefined> {
    return this.#call("chat", "/chat/completions", formatChatBody(options, this.settings), options);
  }

  /** A legacy text completion: `POST {baseUrl}/completions`. */
  complete(options: CompleteOptions): Promise<CompletionResult | undefined> {
    return this.#call("text", "/completions", formatCompletionBody(options, this.settings), options);
  }

  /** Names every call made while `fn` runs (Locust's `rename_request`). */
  renameRequest<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    return renameRequest(this, name, fn);
  }

  /** Closes the connections; calls in flight fail. */
  close(): void {
    this.#session.close();
  }

  async #call(kind: CompletionKind, path: string, body: Record<string, unknown>, options: CommonCallOptions): Promise<CompletionResult | undefined> {
    const url = this.#urlFor(path);
    const name = options.name || this.requestName || this.#paths.get(url)!;
    const request = this.#owner.environment.events.request;
    const tally = new CompletionTally(options.stream === true);
    const context = this.#owner.context();
    let started = 0;
    let event: RequestMeta | undefined;
    const read = await request.measure(OPENAI_REQUEST_TYPE, name, async (meta) => {
      event = meta;
      meta.url = url;
      started = performance.now();
      try {
        const headers = tally.streaming ? SSE_HEADERS : undefined;
        const response = (meta.response = await this.#session.post(url, { json: body, stream: tally.streaming, headers }));
        return { raw: await readCompletionResponse(response, kind, name, tally) };
      } finally {
        meta.responseLength = tally.outputTokens;
      }
    }, { signal: this.#owner.signal, context });
    const { startTime, responseTime } = event!;
    if (tally.streaming && tally.firstTokenAt !== null) {
      request.observe(TTFT_REQUEST_TYPE, name, { responseTime: tally.firstTokenAt - started, context, startTime, url });
    }
    return read && tally.toResult(started, responseTime!, read.raw);
  }

  #urlFor(path: string): string {
    const base = this.settings.baseUrl;
    if (!base) throw new LocustError(MISSING_BASE_URL, { code: "MISSING_BASE_URL", hint: MISSING_BASE_URL_HINT });
    const url = base + path;
    if (!this.#paths.has(url)) this.#paths.set(url, pathOf(url));
    return url;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    // The session reports the invalid URL as the failure; the name only has to be stable.
    return url;
  }
}
