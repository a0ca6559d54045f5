/**
 * What a finished call returns, and the tally that builds it from a response or from stream chunks as they come.
 * @module
 */

/** Where `outputTokens` came from: the server's `usage`, a count of streamed content deltas, or neither. */
export type TokenSource = "usage" | "deltas" | "none";

/** The outcome of one successful call. */
export interface CompletionResult {
  /** The generated text (the first choice's). */
  text: string;
  /**
   * Output tokens: the server's `usage` when it sent one, else — for streams — the number of content deltas
   * (one delta is usually one token, but servers may batch), else 0. `tokenSource` says which.
   */
  outputTokens: number;
  tokenSource: TokenSource;
  /** Prompt tokens from `usage`, or null. */
  inputTokens: number | null;
  /** Milliseconds from sending the request to the first content delta; null when not streamed or none came. */
  timeToFirstTokenMs: number | null;
  /** Milliseconds from sending the request until the response was fully read. */
  totalMs: number;
  /** The first choice's `finish_reason` (`"stop"`, `"length"`, …), or null. */
  finishReason: string | null;
  /** The parsed JSON body of a non-streamed call (absent for streams, whose chunks are not kept). */
  raw?: unknown;
}

/** What one response body or stream chunk says, read by `wire-format.ts`. */
export interface CompletionFacts {
  /** Text of the first choice in this body or chunk ("" when none). */
  text: string;
  /** Content deltas in this chunk (answer or reasoning text of any choice). */
  deltas: number;
  finishReason: string | null;
  outputTokens: number | null;
  inputTokens: number | null;
}

/**
 * Sums what the chunks of one call said. `firstTokenAt` is the `performance.now()` of the first chunk with a
 * content delta. Not shared between calls.
 */
export class CompletionTally {
  text = "";
  deltas = 0;
  firstTokenAt: number | null = null;
  finishReason: string | null = null;
  usageOutputTokens: number | null = null;
  inputTokens: number | null = null;
  readonly streaming: boolean;

  constructor(streaming: boolean) {
    this.streaming = streaming;
  }

  /** Adds one body or chunk, read at `now` (`performance.now()`). */
  add(facts: CompletionFacts, now: number): void {
    if (facts.text) this.text += facts.text;
    if (facts.deltas > 0) {
      this.deltas += facts.deltas;
      this.firstTokenAt ??= now;
    }
    if (facts.finishReason !== null) this.finishReason = facts.finishReason;
    if (facts.outputTokens !== null) this.usageOutputTokens = facts.outputTokens;
    if (facts.inputTokens !== null) this.inputTokens = facts.inputTokens;
  }

  /** The token count reported as the request's length, and its source. */
  get outputTokens(): number {
    return this.usageOutputTokens ?? (this.streaming ? this.deltas : 0);
  }

  get tokenSource(): TokenSource {
    if (this.usageOutputTokens !== null) return "usage";
    return this.streaming && this.deltas > 0 ? "deltas" : "none";
  }

  /** The result of a call that started at `started` (`performance.now()`) and took `totalMs`. */
  toResult(started: number, totalMs: number, raw?: unknown): CompletionResult {
    const result: CompletionResult = {
      text: this.text,
      outputTokens: this.outputTokens,
      tokenSource: this.tokenSource,
      inputTokens: this.inputTokens,
      timeToFirstTokenMs: this.streaming && this.firstTokenAt !== null ? this.firstTokenAt - started : null,
      totalMs,
      finishReason: this.finishReason,
    };
    if (raw !== undefined) result.raw = raw;
    return result;
  }
}
