import { describe, expect, test } from "bun:test";
import {
  formatChatBody,
  formatCompletionBody,
  parseCompletionFacts,
  parseErrorMessage,
} from "../../../src/protocols/openai/wire-format.ts";

const defaults = { model: "default-model", streamUsage: true };
const messages = [{ role: "user", content: "hi" }] as const;

describe("formatChatBody", () => {
  test("writes camelCase options as the API's fields, asking streams for usage", () => {
    expect(formatChatBody({ messages, stream: true, maxTokens: 16, temperature: 0.2 }, defaults)).toEqual({
      model: "default-model",
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 16,
      temperature: 0.2,
      messages,
    });
  });

  test("leaves out what was not asked for, and the model when there is none", () => {
    expect(formatChatBody({ messages }, { model: undefined, streamUsage: true })).toEqual({ messages });
    expect(formatChatBody({ messages, stream: true }, { model: "", streamUsage: false })).toEqual({ stream: true, messages });
  });

  test("a call's model wins over the default and extra fields win over everything", () => {
    const body = formatChatBody({ messages, model: "mine", stream: true, extra: { top_p: 0.5, stream_options: { include_usage: false } } }, defaults);
    expect(body).toEqual({ model: "mine", stream: true, stream_options: { include_usage: false }, top_p: 0.5, messages });
  });
});

describe("formatCompletionBody", () => {
  test("sends the prompt instead of messages", () => {
    expect(formatCompletionBody({ prompt: "Once", maxTokens: 3 }, defaults)).toEqual({ model: "default-model", max_tokens: 3, prompt: "Once" });
  });
});

describe("parseCompletionFacts", () => {
  test("reads a chat response's text, finish reason and usage", () => {
    const body = { choices: [{ index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "stop" }], usage: { prompt_tokens: 4, completion_tokens: 2 } };
    expect(parseCompletionFacts(body, "chat", false)).toEqual({ text: "Hello", deltas: 1, finishReason: "stop", outputTokens: 2, inputTokens: 4 });
  });

  test("reads stream deltas of chat and text chunks", () => {
    expect(parseCompletionFacts({ choices: [{ index: 0, delta: { content: "He" }, finish_reason: null }] }, "chat", true)).toEqual({
      text: "He", deltas: 1, finishReason: null, outputTokens: null, inputTokens: null,
    });
    expect(parseCompletionFacts({ choices: [{ index: 0, text: "llo", finish_reason: "length" }] }, "text", true)).toEqual({
      text: "llo", deltas: 1, finishReason: "length", outputTokens: null, inputTokens: null,
    });
  });

  test("an empty role delta is not a token, a reasoning delta is one without adding to the text", () => {
    expect(parseCompletionFacts({ choices: [{ index: 0, delta: { role: "assistant", content: "" } }] }, "chat", true)?.deltas).toBe(0);
    expect(parseCompletionFacts({ choices: [{ index: 0, delta: { reasoning_content: "hmm" } }] }, "chat", true)).toMatchObject({ text: "", deltas: 1 });
  });

  test("takes output_tokens when completion_tokens is absent, and a usage-only chunk is valid", () => {
    expect(parseCompletionFacts({ choices: [], usage: { input_tokens: 3, output_tokens: 9 } }, "chat", true)).toMatchObject({ outputTokens: 9, inputTokens: 3 });
  });

  test("only the first choice's text is kept but every choice's delta counts", () => {
    const chunk = { choices: [{ index: 0, delta: { content: "a" } }, { index: 1, delta: { content: "b" } }] };
    expect(parseCompletionFacts(chunk, "chat", true)).toMatchObject({ text: "a", deltas: 2 });
  });

  test.each([["null", null], ["a number", 42], ["a string", "text"], ["an object without choices or usage", { id: "x" }]])("%s is not a completion", (_label, json) => {
    expect(parseCompletionFacts(json, "chat", false)).toBeNull();
  });
});

describe("parseErrorMessage", () => {
  test.each<[string, unknown, string | null]>([
    ["an error object's message", { error: { message: "Incorrect API key provided." } }, "Incorrect API key provided."],
    ["a string error", { error: "overloaded" }, "overloaded"],
    ["an error without a message, as JSON", { error: { code: 5 } }, '{"code":5}'],
    ["nothing for a body without error", { choices: [] }, null],
    ["nothing for a non-object", "plain", null],
  ])("gives %s", (_label, json, expected) => {
    expect(parseErrorMessage(json)).toBe(expected);
  });
});
