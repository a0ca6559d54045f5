import { OpenAIError } from "./openai-error.ts";

/** One server-sent event: its type (`"message"` unless an `event:` line set one) and its data lines joined by `\n`. */
export interface SseEvent {
  event: string;
  data: string;
}

const LF = 10;
const CR = 13;
/** A line this long without a line break is not an event stream (and must not grow memory without bound). */
const MAX_LINE = 4 * 1024 * 1024;

/**
 * Decodes a `text/event-stream` body piece by piece, as the HTML standard describes: lines end with LF, CRLF or
 * CR (also when split across pieces), `:` lines are comments, `data:` lines accumulate, a blank line dispatches
 * the event, unknown fields (`id`, `retry`, …) are ignored. Pure: no I/O, no clock.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export class SseDecoder {
  readonly #text = new TextDecoder();
  #buffer = "";
  #afterCr = false;
  #data: string | null = null;
  #event = "";

  /** Decodes `piece` (UTF-8) and returns the events it completes. */
  push(piece: Uint8Array): SseEvent[] {
    const out: SseEvent[] = [];
    this.#feed(this.#text.decode(piece, { stream: true }), out);
    if (this.#buffer.length > MAX_LINE) {
      throw new OpenAIError(`Malformed server-sent events: a line longer than ${MAX_LINE} characters`);
    }
    return out;
  }

  /**
   * The body ended: returns the events still pending. An unterminated last line and an event without its blank
   * line are dispatched too — stricter parsers drop them, but servers that omit the final blank line are common.
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    this.#feed(this.#text.decode(), out);
    if (this.#buffer) this.#line(this.#buffer, out);
    this.#buffer = "";
    this.#line("", out);
    return out;
  }

  #feed(text: string, out: SseEvent[]): void {
    if (this.#afterCr && text.charCodeAt(0) === LF) text = text.slice(1);
    this.#afterCr = false;
    const buffer = this.#buffer + text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      this.#line(buffer.slice(start, i), out);
      if (code === CR) {
        if (i + 1 === buffer.length) this.#afterCr = true;
        else if (buffer.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    this.#buffer = buffer.slice(start);
  }

  #line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.#data !== null) out.push({ event: this.#event || "message", data: this.#data });
      this.#data = null;
      this.#event = "";
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* " " */) value = value.slice(1);
    if (field === "data") this.#data = this.#data === null ? value : `${this.#data}\n${value}`;
    else if (field === "event") this.#event = value;
  }
}
