/**
 * The options of `OpenAIClient.chat()` and `OpenAIClient.complete()`, in camelCase; `extra` carries any other
 * field of the API as the wire spells it.
 * @module
 */

/** One chat message; `content` may also be an array of content parts, passed through as given. */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "developer" | "tool" | (string & {});
  content: string | readonly unknown[] | null;
  [field: string]: unknown;
}

/** Options every call takes. */
export interface CommonCallOptions {
  /** The model; default the client's (`OpenAIUser.model`). Omitted from the request when neither is set. */
  model?: string;
  /** Stream the answer as server-sent events (default false). */
  stream?: boolean;
  /** Sent as `max_tokens` (for OpenAI's reasoning models send `extra: { max_completion_tokens }` instead). */
  maxTokens?: number;
  temperature?: number;
  /** Statistics name; default the `renameRequest` name, else the URL path (`/v1/chat/completions`). */
  name?: string;
  /** More request fields, merged last as given (snake_case, e.g. `{ top_p: 0.9, stop: ["\n"] }`). */
  extra?: Record<string, unknown>;
}

/** Options of a chat completion (`POST {baseUrl}/chat/completions`). */
export interface ChatOptions extends CommonCallOptions {
  messages: readonly ChatMessage[];
}

/** Options of a legacy text completion (`POST {baseUrl}/completions`). */
export interface CompleteOptions extends CommonCallOptions {
  prompt: string | readonly string[];
}
