/**
 * Undoes `Content-Encoding` (gzip, deflate, br; several in a row), whole bodies at once or piece by piece for
 * streamed responses. A body that does not decompress is a {@link ContentDecodingError}: a counted failure.
 * @module
 */
import zlib from "node:zlib";
import { ContentDecodingError } from "./transport-error.ts";

/** What requests ask servers for, as Locust's FastHttpSession does. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

type Decoder = (body: Uint8Array<ArrayBuffer>) => Uint8Array;

/** HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; accept both. */
function inflate(body: Uint8Array<ArrayBuffer>): Uint8Array {
  try {
    return zlib.inflateSync(body);
  } catch {
    // Not zlib-wrapped: try the raw deflate format before giving up.
    return zlib.inflateRawSync(body);
  }
}

const DECODERS: Record<string, Decoder> = {
  gzip: (body) => Bun.gunzipSync(body),
  "x-gzip": (body) => Bun.gunzipSync(body),
  deflate: inflate,
  br: (body) => zlib.brotliDecompressSync(body),
  identity: (body) => body,
};

/** The codings of a `Content-Encoding` value, in the order they must be undone. */
function codingsToUndo(contentEncoding: string): string[] {
  return contentEncoding
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "")
    .reverse();
}

/**
 * Decodes `body` per `contentEncoding` (e.g. `"gzip"`, `"gzip, br"`). An empty body stays empty.
 * @throws ContentDecodingError for an unknown coding or a corrupt body.
 */
export function decodeContent(body: Uint8Array, contentEncoding: string): Uint8Array {
  if (body.length === 0) return body;
  let decoded = body;
  for (const coding of codingsToUndo(contentEncoding)) {
    const decoder = DECODERS[coding];
    if (!decoder) throw new ContentDecodingError(`Unsupported Content-Encoding "${coding}"`);
    try {
      decoded = decoder(decoded as Uint8Array<ArrayBuffer>);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ContentDecodingError(`Error -3 while decompressing data (${coding}): ${reason}`);
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
 * ContentDecodingError. Only a single coding is supported when streaming (the common case).
 */
export function createStreamDecoder(
  contentEncoding: string,
  onData: (piece: Uint8Array) => void,
  onEnd: () => void,
  onError: (error: Error) => void,
): StreamDecoder {
  const codings = codingsToUndo(contentEncoding).filter((coding) => coding !== "identity");
  if (codings.length === 0) return { write: onData, end: onEnd };
  if (codings.length > 1) throw new ContentDecodingError(`Streaming does not support stacked encodings "${contentEncoding}"`);
  const coding = codings[0]!;
  const stream = createZlibStream(coding);
  stream.on("data", (piece: Buffer) => onData(new Uint8Array(piece.buffer, piece.byteOffset, piece.length)));
  stream.on("end", onEnd);
  stream.on("error", (err: Error) => onError(new ContentDecodingError(`Error -3 while decompressing data (${coding}): ${err.message}`)));
  return { write: (piece) => void stream.write(piece), end: () => void stream.end() };
}
