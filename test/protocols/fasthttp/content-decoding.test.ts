import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { createStreamDecoder, decodeContent } from "../../../src/protocols/fasthttp/content-decoding.ts";
import { BodyTooLargeError, ContentDecodingError } from "../../../src/protocols/fasthttp/transport-error.ts";

const MiB = 1024 * 1024;
/** 1 MiB of zeros: ~1 KB gzip-, deflate- or br-compressed. */
const ZEROS = new Uint8Array(MiB);
const COMPRESS: Record<string, (body: Uint8Array) => Uint8Array> = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };

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
  ])("undoes %s", async (encoding, body) => {
    expect(text(await decodeContent(new Uint8Array(body), encoding))).toBe(text(TEXT));
  });

  test("undoes stacked encodings in reverse order", async () => {
    const body = zlib.brotliCompressSync(zlib.gzipSync(TEXT));
    expect(text(await decodeContent(new Uint8Array(body), "gzip, br"))).toBe(text(TEXT));
  });

  test("keeps an empty body empty", () => {
    expect((decodeContent(new Uint8Array(0), "gzip") as Uint8Array).length).toBe(0);
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

describe("the decoded size limit", () => {
  test.each(["gzip", "deflate", "br"])("a small %s body that decodes past the limit is a BodyTooLargeError", (encoding) => {
    const decode = () => decodeContent(COMPRESS[encoding]!(ZEROS), encoding, MiB / 2);
    expect(decode).toThrow(BodyTooLargeError);
    expect(decode).toThrow(`Response body larger than maxBodySize (${MiB / 2} bytes) once decoded (${encoding})`);
  });

  test("a body of exactly the limit decodes", async () => {
    expect((await decodeContent(zlib.gzipSync(ZEROS), "gzip", MiB)).length).toBe(MiB);
  });

  test.each(["gzip", "deflate", "br"])("a large %s body decodes off the event loop, to the same bytes", async (encoding) => {
    const body = crypto.getRandomValues(new Uint8Array(64 * 1024)); // incompressible: stays > 8 KiB
    const decoding = decodeContent(COMPRESS[encoding]!(body), encoding);
    expect(decoding).toBeInstanceOf(Promise);
    expect(await decoding).toEqual(body);
  });

  test("a 4 MB gzip bomb (4 GiB of zeros) fails at the default limit without stalling the event loop", async () => {
    const member = zlib.gzipSync(new Uint8Array(64 * MiB), { level: 9 });
    const bomb = new Uint8Array(member.length * 64);
    for (let i = 0; i < 64; i++) bomb.set(member, i * member.length);
    let ticked = false;
    setTimeout(() => (ticked = true), 0);
    const decoding = decodeContent(bomb, "gzip");
    await expect(decoding).rejects.toThrow("larger than maxBodySize (104857600 bytes) once decoded (gzip)");
    expect(ticked).toBe(true);
  });

  test("a streamed body fails once its decoded pieces pass the limit, and decoding stops", async () => {
    const pieces: Uint8Array[] = [];
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const decoder = createStreamDecoder("gzip", (piece) => pieces.push(piece), resolve, reject, MiB / 2);
    decoder.write(zlib.gzipSync(new Uint8Array(4 * MiB)));
    decoder.end();
    await expect(promise).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pieces.reduce((sum, piece) => sum + piece.length, 0)).toBeLessThanOrEqual(MiB / 2);
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
