/**
 * A local OpenAI-compatible server for the OpenAIUser tests: `/v1/chat/completions` and `/v1/completions`, streamed
 * (server-sent events ending with `data: [DONE]`) or not, with a configurable number of tokens, a per-token delay,
 * `usage` in a final chunk when asked, and failure modes (401 for a wrong key, 500, a malformed SSE line, a stream
 * that ends early, a stream that holds until released). It records what every request asked for.
 * Wire keys are OpenAI's snake_case, as the real API sends them.
 * @module
 */
import type { Server } from "bun";

/** How the next responses misbehave; `"none"` answers normally. */
export type OpenAIFailure =
  /** 500 with an OpenAI error body. */
  | "status-500"
  /** After `failAfterTokens` token chunks, a `data:` line whose JSON is cut off. */
  | "malformed-sse"
  /** After `failAfterTokens` token chunks the body ends cleanly, without `data: [DONE]`. */
  | "end-early"
  /** A 200 that is not JSON (non-streaming requests). */
  | "bad-json"
  | "none";

/** Settings of the server; tests may change them between requests through `server.settings`. */
export interface OpenAIServerSettings {
  /** Token chunks per response (fewer when the request's max_tokens is lower). Default 5. */
  tokens: number;
  /** Tokens each chunk stands for in `usage.completion_tokens` (to tell usage from chunk counting). Default 1. */
  tokensPerChunk: number;
  /** Milliseconds between token chunks. Default 0. */
  tokenDelayMs: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey: string | undefined;
  /** Send `usage` (always for non-streaming; when `stream_options.include_usage` for streams). Default true. */
  usage: boolean;
  failure: OpenAIFailure;
  failAfterTokens: number;
  /** Streams pause after this many token chunks until `release()` (or the client goes away). */
  holdAfterTokens: number | undefined;
}

/** One request as the server saw it. */
export interface RecordedOpenAIRequest {
  path: string;
  model: unknown;
  stream: boolean;
  messages: unknown;
  prompt: unknown;
  maxTokens: unknown;
  temperature: unknown;
  includeUsage: boolean;
  authorization: string | null;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** The client's port: equal ports mean a reused connection. */
  remotePort: number;
  /** The whole parsed body. */
  body: Record<string, unknown>;
}

/** A running server; `await using server = startOpenAIServer()` stops it. */
export interface OpenAIServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT/v1`, what OpenAIUser takes as its base URL. */
  readonly baseUrl: string;
  readonly server: Server<undefined>;
  readonly settings: OpenAIServerSettings;
  readonly requests: RecordedOpenAIRequest[];
  /** Token chunks written so far, over all streams. */
  readonly tokensSent: number;
  /** Streams the client cancelled (disconnected) before they ended. */
  readonly cancelledStreams: number;
  /** The text of a response with `count` tokens: `"tok0 tok1 …"`. */
  textOf(count: number): string;
  /** Resolves once `predicate()` holds (checked after every request and every token written). */
  waitFor(predicate: () => boolean): Promise<void>;
  /** Lets held streams go on. */
  release(): void;
  stop(): Promise<void>;
}

const DEFAULTS: OpenAIServerSettings = {
  tokens: 5,
  tokensPerChunk: 1,
  tokenDelayMs: 0,
  apiKey: undefined,
  usage: true,
  failure: "none",
  failAfterTokens: 2,
  holdAfterTokens: undefined,
};

type Kind = "chat" | "text";

/** The writer of a Bun "direct" stream: each flush goes out as its own chunk. */
interface DirectWriter {
  write(chunk: string): void;
  flush(): unknown;
  close(): void;
}

const tokenText = (i: number) => `tok${i} `;

function errorResponse(status: number, message: string, type: string, code: string | null = null): Response {
  return Response.json({ error: { message, type, param: null, code } }, { status });
}

function recordRequest(path: string, body: Record<string, unknown>, req: Request, remotePort: number): RecordedOpenAIRequest {
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    path,
    model: body.model,
    stream: body.stream === true,
    messages: body.messages,
    prompt: body.prompt,
    maxTokens: body.max_tokens,
    temperature: body.temperature,
    includeUsage: options?.include_usage === true,
    authorization: req.headers.get("authorization"),
    headers: Object.fromEntries(req.headers),
    remotePort,
    body,
  };
}

/** The body of one chunk (streaming) or choice (non-streaming) in the shape of its endpoint. */
function choiceOf(kind: Kind, text: string | null, finishReason: string | null, streaming: boolean): Record<string, unknown> {
  if (kind === "text") return { index: 0, text: text ?? "", logprobs: null, finish_reason: finishReason };
  if (!streaming) return { index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason };
  return { index: 0, delta: text === null ? {} : { content: text }, finish_reason: finishReason };
}

function envelope(kind: Kind, model: unknown, streaming: boolean, extra: Record<string, unknown>): string {
  const object = kind === "text" ? "text_completion" : streaming ? "chat.completion.chunk" : "chat.completion";
  return JSON.stringify({ id: "cmpl-test", object, created: 1_700_000_000, model: model ?? "test-model", ...extra });
}

function usageOf(chunks: number, settings: OpenAIServerSettings) {
  const completion = chunks * settings.tokensPerChunk;
  return { prompt_tokens: 7, completion_tokens: completion, total_tokens: 7 + completion };
}

const textOf = (count: number) => Array.from({ length: count }, (_, i) => tokenText(i)).join("");
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

/** The server's state and answers, apart from the socket it listens on. */
class Backend {
  readonly settings: OpenAIServerSettings;
  readonly requests: RecordedOpenAIRequest[] = [];
  tokensSent = 0;
  cancelledStreams = 0;
  readonly #waiters = new Set<() => void>();
  readonly #held = new Set<() => void>();

  constructor(settings: OpenAIServerSettings) {
    this.settings = settings;
  }

  notify(): void {
    for (const check of [...this.#waiters]) check();
  }

  waitFor(predicate: () => boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = () => {
        if (!predicate()) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  release(): void {
    for (const resume of this.#held) resume();
    this.#held.clear();
  }

  answer(kind: Kind, record: RecordedOpenAIRequest, signal: AbortSignal): Response {
    const settings = this.settings;
    if (settings.apiKey !== undefined && record.authorization !== `Bearer ${settings.apiKey}`) {
      return errorResponse(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    if (settings.failure === "status-500") return errorResponse(500, "The server had an error while processing your request.", "server_error");
    const limit = typeof record.maxTokens === "number" ? record.maxTokens : Infinity;
    const count = Math.min(settings.tokens, limit);
    const finishReason = count < settings.tokens ? "length" : "stop";
    if (record.stream) return new Response(this.#stream(kind, record, count, finishReason, signal), { headers: SSE_HEADERS });
    if (settings.failure === "bad-json") return new Response('{"choices": [', { headers: { "content-type": "application/json" } });
    const usage = settings.usage ? { usage: usageOf(count, settings) } : {};
    const body = envelope(kind, record.model, false, { choices: [choiceOf(kind, textOf(count), finishReason, false)], ...usage });
    return new Response(body, { headers: { "content-type": "application/json" } });
  }

  #stream(kind: Kind, record: RecordedOpenAIRequest, count: number, finishReason: string, signal: AbortSignal): ReadableStream {
    return new ReadableStream({
      type: "direct",
      pull: (writer: DirectWriter) => this.#writeStream(writer, kind, record, count, finishReason, signal),
      cancel: () => {
        this.cancelledStreams++;
        this.notify();
      },
    } as unknown as UnderlyingSource<Uint8Array>);
  }

  async #writeStream(writer: DirectWriter, kind: Kind, record: RecordedOpenAIRequest, count: number, finishReason: string, signal: AbortSignal): Promise<void> {
    const settings = this.settings;
    const send = async (data: string) => {
      writer.write(`data: ${data}\n\n`);
      await writer.flush();
    };
    const chunk = (extra: Record<string, unknown>) => send(envelope(kind, record.model, true, extra));
    if (kind === "chat") await chunk({ choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
    for (let i = 0; i < count; i++) {
      if (i === settings.failAfterTokens && settings.failure !== "none") {
        if (settings.failure === "malformed-sse") await send('{"choices": [{"index": 0, "delta": {"content": "tr');
        return writer.close();
      }
      if (i === settings.holdAfterTokens) await this.#hold(signal);
      if (signal.aborted) return;
      if (settings.tokenDelayMs > 0) await Bun.sleep(settings.tokenDelayMs);
      await chunk({ choices: [choiceOf(kind, tokenText(i), null, true)] });
      this.tokensSent++;
      this.notify();
    }
    await chunk({ choices: [choiceOf(kind, null, finishReason, true)] });
    if (record.includeUsage && settings.usage) await chunk({ choices: [], usage: usageOf(count, settings) });
    await send("[DONE]");
    writer.close();
  }

  #hold(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#held.add(resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }
}

const KINDS: Record<string, Kind> = { "/v1/chat/completions": "chat", "/v1/completions": "text" };

/** Starts the server on a free port of 127.0.0.1. */
export function startOpenAIServer(settings: Partial<OpenAIServerSettings> = {}): OpenAIServer {
  const backend = new Backend({ ...DEFAULTS, ...settings });
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req, self) {
      const path = new URL(req.url).pathname;
      const kind = KINDS[path];
      if (!kind || req.method !== "POST") return errorResponse(404, `Unknown route ${req.method} ${path}`, "invalid_request_error");
      let body: Record<string, unknown>;
      try {
        body = (await req.json()) as Record<string, unknown>;
      } catch {
        return errorResponse(400, "The request body is not valid JSON.", "invalid_request_error");
      }
      const record = recordRequest(path, body, req, self.requestIP(req)?.port ?? 0);
      backend.requests.push(record);
      backend.notify();
      return backend.answer(kind, record, req.signal);
    },
  });
  const stop = async () => {
    backend.release();
    await server.stop(true);
  };
  return {
    baseUrl: `http://127.0.0.1:${server.port}/v1`,
    server,
    settings: backend.settings,
    requests: backend.requests,
    get tokensSent() {
      return backend.tokensSent;
    },
    get cancelledStreams() {
      return backend.cancelledStreams;
    },
    textOf,
    waitFor: (predicate) => backend.waitFor(predicate),
    release: () => backend.release(),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
