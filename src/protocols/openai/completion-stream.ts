import type { CompletionTally } from "./completion-result.ts";
import { OpenAIError } from "./openai-error.ts";
import { SseDecoder, type SseEvent } from "./sse-decoder.ts";
import { parseCompletionFacts, parseErrorMessage, type CompletionKind } from "./wire-format.ts";

const DONE = "[DONE]";
const SNIPPET = 60;

function snippet(text: string): string {
  return text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
}

/** Applies one event to `tally`; true for `data: [DONE]`. Throws for an error event or data that is not a chunk. */
function applyEvent(event: SseEvent, kind: CompletionKind, tally: CompletionTally): boolean {
  if (event.data === DONE) return true;
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    throw new OpenAIError(`Malformed server-sent event: data is not JSON: ${snippet(event.data)}`);
  }
  const serverError = parseErrorMessage(json);
  if (serverError !== null || event.event === "error") {
    throw new OpenAIError(`Error event in stream: ${serverError ?? snippet(event.data)}`);
  }
  const facts = parseCompletionFacts(json, kind, true);
  if (facts === null) throw new OpenAIError(`Malformed stream chunk: no choices or usage: ${snippet(event.data)}`);
  tally.add(facts, performance.now());
  return false;
}

function streamBroken(err: unknown): OpenAIError {
  const message = err instanceof Error ? err.message : String(err);
  return new OpenAIError(`Stream broken before "data: [DONE]": ${message}`, { cause: err });
}

function endedEarly(contentType: string | null): OpenAIError {
  const type = contentType?.split(";")[0]?.trim() ?? "";
  const hint = type === "text/event-stream" ? "" : ` (content-type '${type || "none"}', not text/event-stream)`;
  return new OpenAIError(`Stream ended before "data: [DONE]"${hint}`);
}

/**
 * Reads a streamed completion to its end, adding every chunk to `tally` as it arrives (so a failure still leaves
 * the partial counts). Events after `data: [DONE]` are ignored, but the body is read to its end so the
 * connection can be reused. On any failure the body is cancelled, which closes its connection.
 * @throws OpenAIError for malformed events, an error event, a broken body or a body that ends without `[DONE]`;
 *   a broken body's error (an abort's reason too) is its `cause`.
 */
export async function readCompletionStream(body: ReadableStream<Uint8Array> | null, kind: CompletionKind, tally: CompletionTally, contentType: string | null): Promise<void> {
  if (body === null) throw endedEarly(contentType);
  const reader = body.getReader();
  const decoder = new SseDecoder();
  let done = false;
  let finished = false;
  try {
    for (;;) {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (err) {
        throw streamBroken(err);
      }
      const events = read.done ? decoder.end() : decoder.push(read.value);
      for (const event of events) if (!done && applyEvent(event, kind, tally)) done = true;
      if (read.done) break;
    }
    finished = true;
  } finally {
    // Cancelling after a failure drops a connection that may still be mid-body; a rejected cancel changes nothing.
    if (!finished) reader.cancel().catch(() => {});
  }
  if (!done) throw endedEarly(contentType);
}
