import { describe, expect, test } from "bun:test";
import { OpenAIError, SseDecoder, type SseEvent } from "../../../src/protocols/openai/index.ts";

const utf8 = new TextEncoder();

/** Feeds `pieces` one by one, then ends the stream; returns every event in order. */
function decode(pieces: readonly (string | Uint8Array)[]): SseEvent[] {
  const decoder = new SseDecoder();
  const events = pieces.flatMap((piece) => decoder.push(typeof piece === "string" ? utf8.encode(piece) : piece));
  return [...events, ...decoder.end()];
}

const msg = (data: string, event = "message"): SseEvent => ({ event, data });

describe("SseDecoder", () => {
  test.each<[string, string[], SseEvent[]]>([
    ["one event per blank line", ["data: a\n\ndata: b\n\n"], [msg("a"), msg("b")]],
    ["CRLF and lone CR end lines too", ["data: a\r\n\r\ndata: b\r\rdata: c\n\n"], [msg("a"), msg("b"), msg("c")]],
    ["a CRLF split across pieces is one line break", ["data: a\r", "\n\r", "\ndata: b\n\n"], [msg("a"), msg("b")]],
    ["a line split across pieces is joined", ["da", "ta: {\"x\"", ":1}\n", "\n"], [msg('{"x":1}')]],
    ["several data lines join with a newline", ["data: a\ndata: b\n\n"], [msg("a\nb")]],
    ["only one space after the colon is removed", ["data:  two\ndata:none\n\n"], [msg(" two\nnone")]],
    ["comments, ids and retry lines are ignored", [": keep-alive\nid: 7\nretry: 10\ndata: x\n\n"], [msg("x")]],
    ["an event line sets the type of its event only", ["event: error\ndata: x\n\ndata: y\n\n"], [msg("x", "error"), msg("y")]],
    ["a blank line without data dispatches nothing", ["\n\nevent: ping\n\n"], []],
    ["a last event without its blank line is still dispatched", ["data: a\n\ndata: [DONE]"], [msg("a"), msg("[DONE]")]],
    ["a field with no colon has an empty value", ["data\n\n"], [msg("")]],
  ])("%s", (_label, pieces, expected) => {
    expect(decode(pieces)).toEqual(expected);
  });

  test("decodes a multi-byte character split across pieces", () => {
    const bytes = utf8.encode("data: héllo\n\n");
    expect(decode([bytes.subarray(0, 8), bytes.subarray(8)])).toEqual([msg("héllo")]);
  });

  test("returns each event from the push that completes it", () => {
    const decoder = new SseDecoder();
    expect(decoder.push(utf8.encode("data: a\n"))).toEqual([]);
    expect(decoder.push(utf8.encode("\ndata: b"))).toEqual([msg("a")]);
    expect(decoder.end()).toEqual([msg("b")]);
  });

  test("refuses a line that never ends instead of buffering without bound", () => {
    const decoder = new SseDecoder();
    const piece = utf8.encode("x".repeat(1024 * 1024));
    const push = () => {
      for (let i = 0; i < 5; i++) decoder.push(piece);
    };
    expect(push).toThrow(OpenAIError);
    expect(push).toThrow(/longer than/);
  });
});
