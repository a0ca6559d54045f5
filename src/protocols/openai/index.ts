/**
 * @module locust-bun/openai — OpenAIUser: load-test OpenAI-compatible APIs (chat and text completions, streamed
 * or not), reporting output tokens as response length and time to first token as its own `TTFT` rows.
 */
export { OpenAIUser } from "./openai-user.ts";
export {
  OpenAIClient,
  OPENAI_REQUEST_TYPE,
  TTFT_REQUEST_TYPE,
  type OpenAIClientOwner,
  type OpenAIClientSettings,
  type ResolvedOpenAIClientSettings,
} from "./client.ts";
export type { ChatMessage, ChatOptions, CompleteOptions, CommonCallOptions } from "./completion-options.ts";
export type { CompletionResult, TokenSource } from "./completion-result.ts";
export { OpenAIError } from "./openai-error.ts";
export { SseDecoder, type SseEvent } from "./sse-decoder.ts";
