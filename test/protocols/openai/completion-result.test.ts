import { describe, expect, test } from "bun:test";
import { CompletionTally, type CompletionFacts } from "../../../src/protocols/openai/completion-result.ts";

const facts = (overrides: Partial<CompletionFacts>): CompletionFacts => ({
  text: "",
  deltas: 0,
  finishReason: null,
  outputTokens: null,
  inputTokens: null,
  ...overrides,
});

describe("CompletionTally", () => {
  test("sums a stream's text and deltas and keeps the time of the first delta", () => {
    const tally = new CompletionTally(true);
    tally.add(facts({}), 10);
    tally.add(facts({ text: "Hel", deltas: 1 }), 12);
    tally.add(facts({ text: "lo", deltas: 1, finishReason: "stop" }), 15);
    expect(tally.toResult(5, 15)).toEqual({
      text: "Hello",
      outputTokens: 2,
      tokenSource: "deltas",
      inputTokens: null,
      timeToFirstTokenMs: 7,
      totalMs: 15,
      finishReason: "stop",
    });
  });

  test("the server's usage wins over counted deltas", () => {
    const tally = new CompletionTally(true);
    tally.add(facts({ text: "a", deltas: 1 }), 1);
    tally.add(facts({ outputTokens: 9, inputTokens: 4 }), 2);
    expect([tally.outputTokens, tally.tokenSource, tally.inputTokens]).toEqual([9, "usage", 4]);
  });

  test("a non-streamed answer without usage has 0 tokens and no time to first token", () => {
    const tally = new CompletionTally(false);
    tally.add(facts({ text: "whole answer", deltas: 1 }), 3);
    expect(tally.toResult(0, 4, { raw: true })).toMatchObject({ outputTokens: 0, tokenSource: "none", timeToFirstTokenMs: null, raw: { raw: true } });
  });

  test("a stream with no delta has no time to first token", () => {
    expect(new CompletionTally(true).toResult(0, 1)).toMatchObject({ outputTokens: 0, tokenSource: "none", timeToFirstTokenMs: null });
  });
});
