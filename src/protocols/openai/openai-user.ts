import type { Environment } from "../../core/environment.ts";
import { User } from "../../core/user/user.ts";
import { OpenAIClient } from "./client.ts";

/**
 * A user that load-tests an OpenAI-compatible API (OpenAI, vLLM, llama.cpp, Ollama, TGI, …) through
 * `this.client` ({@link OpenAIClient}): chat and text completions, streamed or not. Each call is reported as
 * `POST /v1/chat/completions` (or the `name` given) with output tokens as its length, and streamed calls add a
 * `TTFT` row (same name) with the time to the first token — filter on that type; note the TTFT rows also count
 * in "Aggregated". Construction does no I/O; the connections close in `onStop`.
 *
 * The base URL is `--host` when given, else the class's `baseUrl`, else its `host`. Unlike Locust's OpenAIUser,
 * no API key is required (local servers need none), chat completions' `usage.completion_tokens` counts too (Locust
 * reads only `output_tokens`), a failed call resolves to `undefined` instead of raising in the task, and failed
 * calls are not retried (the OpenAI SDK retries twice, each retry being its own request).
 * @example
 * ```ts
 * export class ChatUser extends OpenAIUser {
 *   static override baseUrl = "http://127.0.0.1:8000/v1";
 *   static override model = "Qwen/Qwen2.5-0.5B-Instruct";
 *   @task async ask() {
 *     await this.client.chat({ messages: [{ role: "user", content: "Say hi" }], stream: true, maxTokens: 64 });
 *   }
 * }
 * ```
 */
export class OpenAIUser extends User {
  static override abstract = true;
  /** The API root, e.g. `http://127.0.0.1:8000/v1` or `https://api.openai.com/v1`; `--host` overrides it. */
  static baseUrl?: string;
  /** API key; default the `OPENAI_API_KEY` (else `LOCUST_OPENAI_API_KEY`) environment variable, read when a user starts. */
  static apiKey?: string;
  /** The model of calls that name none. */
  static model?: string;
  /** Seconds to connect, and seconds without a byte from the server, before a call fails (the OpenAI SDK's 600). */
  static timeout = 600;
  /** Skip TLS certificate checks (self-signed local servers); off by default because the API key is sent. */
  static insecure = false;
  /** Ask streams for a final usage chunk (`stream_options.include_usage`); turn off for servers that reject it. */
  static streamUsage = true;
  /** Headers added to every request (e.g. an organisation or a gateway's own key). */
  static defaultHeaders: Record<string, string> | undefined;
  /** The client every call of this user goes through. */
  readonly client: OpenAIClient;

  constructor(environment: Environment) {
    super(environment);
    const cls = new.target as unknown as typeof OpenAIUser;
    this.client = new OpenAIClient(this, {
      baseUrl: environment.host || cls.baseUrl || this.host,
      apiKey: cls.apiKey,
      model: cls.model,
      timeout: cls.timeout,
      insecure: cls.insecure,
      streamUsage: cls.streamUsage,
      defaultHeaders: cls.defaultHeaders,
    });
  }

  /** Closes this user's connections; an override must call `super.onStop()`. */
  override onStop(): void | Promise<void> {
    this.client.close();
  }

  /** Closes the connection if it is still open, so an `onStop` override that skips `super` cannot leak it. */
  override dispose(): void {
    this.client.close();
  }
}
