import type { FastResponse } from "./fast-response.ts";

function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/**
 * The lines of a streamed response as they arrive (UTF-8, `\n` or `\r\n` separated; a last line without a newline
 * is yielded too). Throws the response's failure first (bad status or transport error), as Locust's `iter_lines`.
 * Leaving the loop early cancels the body and closes its connection.
 */
export async function* iterateLines(pending: Promise<FastResponse>): AsyncGenerator<string, void, undefined> {
  const response = await pending;
  response.raiseForStatus();
  if (response.body === null) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const piece of response.body) {
    buffer += decoder.decode(piece, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      yield stripCarriageReturn(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  }
  buffer += decoder.decode();
  if (buffer) yield stripCarriageReturn(buffer);
}
