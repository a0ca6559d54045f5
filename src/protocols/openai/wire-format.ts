/**
 * OpenAI's JSON on the wire: request bodies from camelCase options, and the facts the client needs from a
 * response or stream chunk. The only file of this protocol with the API's snake_case keys.
 * @module
 */
import type { ChatOptions, CommonCallOptions, CompleteOptions } from "./completion-options.ts";
import type { CompletionFacts } from "./completion-result.ts";

/** Which endpoint a body belongs to: chat completions or legacy text completions. */
export type CompletionKind = "chat" | "text";

/** Client-wide defaults a body falls back to. */
export interface BodyDefaults {
  model: string | undefined;
  /** Ask streams for a final `usage` chunk (`stream_options.include_usage`). */
  streamUsage: boolean;
}

interface WireUsage {
  completion_tokens?: unknown;
  output_tokens?: unknown;
  prompt_tokens?: unknown;
  input_tokens?: unknown;
}

interface WireText {
  content?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

interface WireChoice {
  index?: unknown;
  text?: unknown;
  delta?: WireText | null;
  message?: WireText | null;
  finish_reason?: unknown;
}

interface WireBody {
  choices?: unknown;
  usage?: WireUsage | null;
  error?: unknown;
}

function formatCommon(options: CommonCallOptions, defaults: BodyDefaults): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const model = options.model ?? defaults.model;
  if (model !== undefined && model !== "") body.model = model;
  if (options.stream) {
    body.stream = true;
    if (defaults.streamUsage) body.stream_options = { include_usage: true };
  }
  if (options.maxTokens !== undefined) body.max_tokens = options.maxTokens;
  if (options.temperature !== undefined) body.temperature = options.temperature;
  return body;
}

/** The body of `POST /chat/completions`. */
export function formatChatBody(options: ChatOptions, defaults: BodyDefaults): Record<string, unknown> {
  const body = formatCommon(options, defaults);
  body.messages = options.messages;
  return options.extra ? Object.assign(body, options.extra) : body;
}

/** The body of `POST /completions`. */
export function formatCompletionBody(options: CompleteOptions, defaults: BodyDefaults): Record<string, unknown> {
  const body = formatCommon(options, defaults);
  body.prompt = options.prompt;
  return options.extra ? Object.assign(body, options.extra) : body;
}

const asCount = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const asText = (value: unknown): string => (typeof value === "string" ? value : "");
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The `error.message` (or a string `error`) of an error body or stream chunk, or null when there is none. */
export function parseErrorMessage(json: unknown): string | null {
  if (!isObject(json) || json.error === undefined || json.error === null) return null;
  const error = json.error;
  if (typeof error === "string") return error;
  if (isObject(error) && typeof error.message === "string") return error.message;
  return JSON.stringify(error);
}

/** Whether a choice carries generated text: the answer, or a reasoning model's thinking (vLLM, Ollama, …). */
function hasDelta(part: WireText | null | undefined, text: unknown): boolean {
  if (asText(text) !== "") return true;
  if (!isObject(part)) return false;
  return asText(part.content) !== "" || asText(part.reasoning_content) !== "" || asText(part.reasoning) !== "";
}

/**
 * What a response body (`streaming` false: `message.content`) or a stream chunk (`delta.content`) of either
 * endpoint says. Returns null when `json` has no `choices` array and no `usage`, which no valid answer lacks.
 */
export function parseCompletionFacts(json: unknown, kind: CompletionKind, streaming: boolean): CompletionFacts | null {
  if (!isObject(json)) return null;
  const body = json as WireBody;
  const usage = isObject(body.usage) ? body.usage : null;
  if (!Array.isArray(body.choices) && usage === null) return null;
  const facts: CompletionFacts = {
    text: "",
    deltas: 0,
    finishReason: null,
    outputTokens: usage ? (asCount(usage.completion_tokens) ?? asCount(usage.output_tokens)) : null,
    inputTokens: usage ? (asCount(usage.prompt_tokens) ?? asCount(usage.input_tokens)) : null,
  };
  for (const item of Array.isArray(body.choices) ? (body.choices as unknown[]) : []) {
    if (!isObject(item)) continue;
    const choice = item as WireChoice;
    const part = kind === "text" ? null : streaming ? choice.delta : choice.message;
    if (hasDelta(part, kind === "text" ? choice.text : undefined)) facts.deltas++;
    if ((asCount(choice.index) ?? 0) !== 0) continue;
    facts.text += kind === "text" ? asText(choice.text) : asText(part?.content);
    if (typeof choice.finish_reason === "string") facts.finishReason = choice.finish_reason;
  }
  return facts;
}
