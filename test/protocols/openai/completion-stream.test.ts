import { describe, expect, test } from "bun:test";
import { CompletionTally } from "../../../src/protocols/openai/completion-result.ts";
import { readCompletionStream } from "../../../src/protocols/openai/completion-stream.ts";
import { OpenAIError } from "../../../src/protocols/openai/index.ts";

const utf8 = new TextEncoder();
const delta = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

/** A body that yields `pieces`, and whether the reader read it to the end or cancelled it. */
function bodyOf(pieces: string[]) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[state.pulled++];
      if (piece === undefined) controller.close();
      else controller.enqueue(utf8.encode(piece));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

describe("readCompletionStream", () => {
  test("adds every chunk, ignores what follows [DONE] and reads the body to its end", async () => {
    const { body, state } = bodyOf([delta("a"), delta("b") + "data: [DONE]\n\n", delta("late"), ": trailing comment\n\n"]);
    const tally = new CompletionTally(true);
    await readCompletionStream(body, "chat", tally, "text/event-stream");
    expect([tally.text, tally.deltas]).toEqual(["ab", 2]);
    expect(state).toEqual({ pulled: 5, cancelled: false });
  });

  test("a failure cancels the body and leaves the partial tally", async () => {
    const { body, state } = bodyOf([delta("a"), "data: {oops\n\n", delta("b"), "data: [DONE]\n\n"]);
    const tally = new CompletionTally(true);
    const read = readCompletionStream(body, "chat", tally, "text/event-stream");
    await expect(read).rejects.toThrow(new OpenAIError("Malformed server-sent event: data is not JSON: {oops"));
    expect([tally.text, state.cancelled]).toEqual(["a", true]);
  });

  test.each<[string, string[], string]>([
    ["a chunk without choices or usage", ['data: {"id":"x"}\n\n'], 'Malformed stream chunk: no choices or usage: {"id":"x"}'],
    ["an event of type error", ['event: error\ndata: {"detail":"busy"}\n\n'], 'Error event in stream: {"detail":"busy"}'],
    ["an empty body", [], 'Stream ended before "data: [DONE]"'],
  ])("fails on %s", async (_label, pieces, message) => {
    await expect(readCompletionStream(bodyOf(pieces).body, "text", new CompletionTally(true), "text/event-stream")).rejects.toThrow(message);
  });

  test("shortens long malformed data in the message", async () => {
    const long = `{${"x".repeat(500)}`;
    const read = readCompletionStream(bodyOf([`data: ${long}\n\n`]).body, "chat", new CompletionTally(true), null);
    await expect(read).rejects.toThrow(`data is not JSON: ${long.slice(0, 60)}…`);
  });
});
