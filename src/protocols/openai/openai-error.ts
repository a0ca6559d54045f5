import { ResponseError } from "../../core/errors.ts";

/**
 * A failed OpenAI call: an error status (with the server's own message), a body that is not the JSON or the
 * server-sent events the API promises, an error sent inside a stream, or a stream that broke or ended early.
 * Messages avoid per-request details (token counts, ids) so failures group in the statistics.
 */
export class OpenAIError extends ResponseError {
  override name = "OpenAIError";
  /** The HTTP status when the server answered with one of 400–599. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * The error for a status of 400–599, worded like python-requests' (`401 Client Error: Unauthorized for url:
 * /v1/chat/completions`) and followed by the server's `error.message` (or the start of its body) in brackets.
 */
export function createOpenAIStatusError(status: number, reason: string, name: string, serverMessage: string): OpenAIError {
  const kind = status < 500 ? "Client Error" : "Server Error";
  const detail = serverMessage ? ` (${serverMessage})` : "";
  return new OpenAIError(`${status} ${kind}: ${reason} for url: ${name}${detail}`, { status });
}
