import type { FastResponse } from "../fasthttp/index.ts";
import type { CompletionTally } from "./completion-result.ts";
import { readCompletionStream } from "./completion-stream.ts";
import { OpenAIError, createOpenAIStatusError } from "./openai-error.ts";
import { parseCompletionFacts, parseErrorMessage, type CompletionKind } from "./wire-format.ts";

/**
 * Reads a response into `tally` (a streamed one as its chunks arrive) and resolves to the parsed body of a
 * non-streamed call. Throws what makes the call a failure: the transport error, an {@link OpenAIError} for a
 * status of 400–599 (with the server's message; `name` is the stats name), a body that is not a completion, or
 * whatever {@link readCompletionStream} throws.
 */
export async function readCompletionResponse(response: FastResponse, kind: CompletionKind, name: string, tally: CompletionTally): Promise<unknown> {
  if (response.error) throw response.error;
  if (response.status >= 400) {
    const text = tally.streaming ? await new Response(response.body).text() : response.text;
    throw createOpenAIStatusError(response.status, response.reason, name, describeErrorBody(text));
  }
  if (tally.streaming) {
    await readCompletionStream(response.body, kind, tally, response.headers.get("content-type"));
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (err) {
    throw new OpenAIError(`Response is not valid JSON: ${(err as Error).message}`);
  }
  const serverError = parseErrorMessage(json);
  if (serverError !== null) throw new OpenAIError(`Error in response: ${serverError}`);
  const facts = parseCompletionFacts(json, kind, false);
  if (facts === null) throw new OpenAIError("Response has no choices or usage");
  tally.add(facts, performance.now());
  return json;
}

function describeErrorBody(text: string): string {
  try {
    const message = parseErrorMessage(JSON.parse(text));
    if (message !== null) return message;
  } catch {
    // Not JSON: the start of the body says more than nothing.
  }
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}
