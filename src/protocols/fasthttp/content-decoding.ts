/**
 * Undoes `Content-Encoding` (gzip, deflate, br; several in a row), whole bodies at once or piece by piece for
 * streamed responses, never past a size limit. A body that does not decompress is a {@link ContentDecodingError}
 * and one that decodes to more than the limit a {@link BodyTooLargeError}: both counted failures.
 * @module
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { BodyTooLargeError, DEFAULT_MAX_BODY_SIZE } from "../http-shared/index.ts";
import { ContentDecodingError } from "./transport-error.ts";

/** What requests ask servers for, as Locust's FastHttpSession does. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

/**
 * Encoded bodies up to this size decode on the event loop (cheaper for the usual small body; even a bomb this
 * small inflates to at most ~8 MB, a few ms). Larger ones decode on zlib's thread pool, so a bomb never stalls
 * the other users.
 */
const SYNC_INPUT_LIMIT = 8 * 1024;

type Options = { maxOutputLength: number };
type SyncDecoder = (body: Uint8Array, options: Options) => Uint8Array;
type AsyncDecoder = (body: Uint8Array, options: Options) => Promise<Uint8Array>;

const gunzip = promisify(zlib.gunzip) as AsyncDecoder;
const inflate = promisify(zlib.inflate) as AsyncDecoder;
const inflateRaw = promisify(zlib.inflateRaw) as AsyncDecoder;
const brotli = promisify(zlib.brotliDecompress) as AsyncDecoder;

const TOO_LARGE = "ERR_BUFFER_TOO_LARGE";
const isTooLarge = (err: unknown) => (err as { code?: unknown } | null)?.code === TOO_LARGE;

/** HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; accept both. */
function inflateSync(body: Uint8Array, options: Options): Uint8Array {
  try {
    return zlib.inflateSync(body, options);
  } catch (err) {
    if (isTooLarge(err)) throw err;
    return zlib.inflateRawSync(body, options);
  }
}

async function inflateAsync(body: Uint8Array, options: Options): Promise<Uint8Array> {
  try {
    return await inflate(body, options);
  } catch (err) {
    if (isTooLarge(err)) throw err;
    return inflateRaw(body, options);
  }
}

const DECODERS: Record<string, [SyncDecoder, AsyncDecoder]> = {
  gzip: [zlib.gunzipSync, gunzip],
  "x-gzip": [zlib.gunzipSync, gunzip],
  deflate: [inflateSync, inflateAsync],
  br: [zlib.brotliDecompressSync, brotli],
};

/** The codings of a `Content-Encoding` value, in the order they must be undone (identity dropped). */
function codingsToUndo(contentEncoding: string): string[] {
  return contentEncoding
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
    .reverse();
}

function decoderFor(coding: string): [SyncDecoder, AsyncDecoder] {
  const decoder = DECODERS[coding];
  if (!decoder) throw new ContentDecodingError(`Unsupported Content-Encoding "${coding}"`);
  return decoder;
}

function decodingFailure(err: unknown, coding: string, maxBytes: number): Error {
  if (isTooLarge(err)) return new BodyTooLargeError(maxBytes, coding);
  const reason = err instanceof Error ? err.message : String(err);
  return new ContentDecodingError(`Error -3 while decompressing data (${coding}): ${reason}`);
}

/**
 * Decodes `body` per `contentEncoding` (e.g. `"gzip"`, `"gzip, br"`), synchronously when the body is small, else
 * off the event loop (then a promise). An empty body stays empty.
 * @throws (or rejects with) ContentDecodingError for an unknown coding or a corrupt body, BodyTooLargeError when
 * the decoded body would exceed `maxBytes`.
 */
export function decodeContent(body: Uint8Array, contentEncoding: string, maxBytes = DEFAULT_MAX_BODY_SIZE): Uint8Array | Promise<Uint8Array> {
  if (body.length === 0) return body;
  const codings = codingsToUndo(contentEncoding);
  const options = { maxOutputLength: maxBytes };
  let decoded = body;
  for (let i = 0; i < codings.length; i++) {
    const coding = codings[i]!;
    const [decodeSync] = decoderFor(coding);
    if (decoded.length > SYNC_INPUT_LIMIT) return decodeRest(decoded, codings.slice(i), options);
    try {
      decoded = decodeSync(decoded, options);
    } catch (err) {
      throw decodingFailure(err, coding, maxBytes);
    }
  }
  return decoded;
}

async function decodeRest(body: Uint8Array, codings: string[], options: Options): Promise<Uint8Array> {
  let decoded = body;
  for (const coding of codings) {
    const [, decodeAsync] = decoderFor(coding);
    try {
      decoded = await decodeAsync(decoded, options);
    } catch (err) {
      throw decodingFailure(err, coding, options.maxOutputLength);
    }
  }
  return decoded;
}

/** A streaming decoder: write pieces, read decoded pieces; `end()` flushes. */
export interface StreamDecoder {
  write(piece: Uint8Array): void;
  end(): void;
}

function createZlibStream(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip();
  if (coding === "deflate") return zlib.createInflate();
  if (coding === "br") return zlib.createBrotliDecompress();
  throw new ContentDecodingError(`Unsupported Content-Encoding "${coding}"`);
}

/**
 * A decoder for a streamed body: calls `onData` with decoded pieces, `onEnd` once, or `onError` with a
 * ContentDecodingError, or a BodyTooLargeError once more than `maxBytes` came out (decoding then stops). Only a
 * single coding is supported when streaming (the common case).
 */
export function createStreamDecoder(
  contentEncoding: string,
  onData: (piece: Uint8Array) => void,
  onEnd: () => void,
  onError: (error: Error) => void,
  maxBytes = DEFAULT_MAX_BODY_SIZE,
): StreamDecoder {
  const codings = codingsToUndo(contentEncoding);
  if (codings.length === 0) return { write: onData, end: onEnd };
  if (codings.length > 1) throw new ContentDecodingError(`Streaming does not support stacked encodings "${contentEncoding}"`);
  const coding = codings[0]!;
  const stream = createZlibStream(coding);
  let total = 0;
  stream.on("data", (piece: Buffer) => {
    total += piece.length;
    if (total > maxBytes) {
      stream.destroy(Object.assign(new Error("too large"), { code: TOO_LARGE }));
      return;
    }
    onData(new Uint8Array(piece.buffer, piece.byteOffset, piece.length));
  });
  stream.on("end", onEnd);
  stream.on("error", (err: Error) => onError(decodingFailure(err, coding, maxBytes)));
  return {
    write: (piece) => void (stream.destroyed || stream.write(piece)),
    end: () => void (stream.destroyed || stream.end()),
  };
}
