import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { createStreamDecoder, decodeContent } from "../../../src/protocols/fasthttp/content-decoding.ts";
import { ContentDecodingError } from "../../../src/protocols/fasthttp/transport-error.ts";

const TEXT = new TextEncoder().encode("content ".repeat(200));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("decodeContent", () => {
  test.each([
    ["gzip", zlib.gzipSync(TEXT)],
    ["x-gzip", zlib.gzipSync(TEXT)],
    ["deflate", zlib.deflateSync(TEXT)],
    ["deflate", zlib.deflateRawSync(TEXT)],
    ["br", zlib.brotliCompressSync(TEXT)],
    ["identity", TEXT],
    ["GZIP", zlib.gzipSync(TEXT)],
  ])("undoes %s", (encoding, body) => {
    expect(text(decodeContent(new Uint8Array(body), encoding))).toBe(text(TEXT));
  });

  test("undoes stacked encodings in reverse order", () => {
    const body = zlib.brotliCompressSync(zlib.gzipSync(TEXT));
    expect(text(decodeContent(new Uint8Array(body), "gzip, br"))).toBe(text(TEXT));
  });

  test("keeps an empty body empty", () => {
    expect(decodeContent(new Uint8Array(0), "gzip").length).toBe(0);
  });

  test.each([
    ["gzip", "Error -3 while decompressing data (gzip)"],
    ["br", "Error -3 while decompressing data (br)"],
    ["deflate", "Error -3 while decompressing data (deflate)"],
    ["compress", 'Unsupported Content-Encoding "compress"'],
  ])("a corrupt or unsupported %s body is a ContentDecodingError", (encoding, message) => {
    const decode = () => decodeContent(new Uint8Array([1, 2, 3, 4, 5, 6]), encoding);
    expect(decode).toThrow(ContentDecodingError);
    expect(decode).toThrow(message);
  });
});

describe("createStreamDecoder", () => {
  test("decodes a gzip body fed in small pieces", async () => {
    const compressed = zlib.gzipSync(TEXT);
    const pieces: Uint8Array[] = [];
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const decoder = createStreamDecoder("gzip", (piece) => pieces.push(piece), resolve, reject);
    for (let at = 0; at < compressed.length; at += 7) decoder.write(compressed.subarray(at, at + 7));
    decoder.end();
    await promise;
    expect(text(Buffer.concat(pieces))).toBe(text(TEXT));
  });

  test("reports a corrupt stream as a ContentDecodingError", async () => {
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const decoder = createStreamDecoder("gzip", () => {}, resolve, reject);
    decoder.write(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    decoder.end();
    await expect(promise).rejects.toBeInstanceOf(ContentDecodingError);
  });

  test("passes identity bodies through", () => {
    const seen: string[] = [];
    let ended = false;
    const decoder = createStreamDecoder("identity", (piece) => seen.push(text(piece)), () => (ended = true), () => {});
    decoder.write(new TextEncoder().encode("as is"));
    decoder.end();
    expect([seen, ended]).toEqual([["as is"], true]);
  });
});
