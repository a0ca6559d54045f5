/**
 * Reading a fetch response's body within a size limit: Bun's fetch undoes Content-Encoding itself, so a small
 * compressed body (a decompression bomb) could otherwise grow to gigabytes in memory.
 * @module
 */
import { BodyTooLargeError } from "../http-shared/index.ts";


/**
 * The whole body of `res`, or a rejection with {@link BodyTooLargeError} as soon as more than `maxBytes` arrived
 * (the rest is not read). A plain body whose Content-Length is within the limit is read in one call, as before;
 * anything else (encoded, chunked) is counted piece by piece. On the per-request path.
 */
export function readBody(res: Response, maxBytes: number): Promise<Uint8Array> {
  const headers = res.headers;
  const length = headers.get("content-length");
  if (length !== null && Number(length) <= maxBytes && !headers.has("content-encoding")) return res.bytes();
  return readCounted(res.body, maxBytes);
}

async function readCounted(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const pieces: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop by a throw cancels the stream, so fetch stops reading and decoding the rest.
  for await (const piece of body) {
    total += piece.length;
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
    pieces.push(piece);
  }
  if (pieces.length === 1) return pieces[0]!;
  const whole = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}
