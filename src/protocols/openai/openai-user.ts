import { pickSettings, ProtocolUser } from "../../core/user/protocol-user.ts";
import { OpenAIClient } from "./client.ts";

const SETTINGS = ["apiKey", "model", "timeout", "insecure", "streamUsage", "defaultHeaders"] as const;

/**
 * A user that load-tests an OpenAI-compatible API (OpenAI, vLLM, llama.cpp, Ollama, TGI, …) through
 * `this.client` ({@link OpenAIClient}): chat and text completions, streamed or not. Each call is reported as
 * `POST /v1/chat/completions` (or the `name` given) with output tokens as its length, and streamed calls add a
 * `TTFT` row (same name) with the time to the first token — filter on that type; note the TTFT rows also count
 * in "Aggregated". Construction does no I/O; the connections close when the user ends.
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
export class OpenAIUser extends ProtocolUser<OpenAIClient> {
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
  protected override createClient(settings: typeof OpenAIUser): OpenAIClient {
    const baseUrl = this.environment.host || settings.baseUrl || this.host;
    return new OpenAIClient(this, { ...pickSettings(settings, SETTINGS), baseUrl });
  }
}
