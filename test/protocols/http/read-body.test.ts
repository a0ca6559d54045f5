import { afterAll, expect, test } from "bun:test";
import zlib from "node:zlib";
import { BodyTooLargeError } from "../../../src/protocols/http/index.ts";
import { createSessionFixture } from "./session-fixture.ts";

const MiB = 1024 * 1024;
const bomb = zlib.gzipSync(new Uint8Array(8 * MiB)); // ~8 KB on the wire, 8 MiB once fetch has decoded it

function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });
}

const server = Bun.serve({
  port: 0,
  routes: {
    "/bomb": () => new Response(bomb, { headers: { "content-encoding": "gzip" } }),
    "/plain": () => new Response(new Uint8Array(2 * MiB).fill(120)),
    "/chunked": () => new Response(chunked(new Uint8Array(2 * MiB).fill(121))),
    "/ok": () => new Response("ok"),
  },
});
afterAll(() => server.stop(true));

function fixture(maxBodySize: number) {
  const made = createSessionFixture(server.url.href);
  made.client.maxBodySize = maxBodySize;
  return made;
}

test("a gzip body that fetch decodes past maxBodySize is a counted BodyTooLargeError, and the next request succeeds", async () => {
  const { client, events } = fixture(MiB);
  const bad = await client.get("/bomb");
  expect([bad.status, bad.content, bad.error?.name]).toEqual([0, null, "BodyTooLargeError"]);
  expect(bad.error).toBeInstanceOf(BodyTooLargeError);
  expect(bad.error!.message).toBe(`Response body larger than maxBodySize (${MiB} bytes)`);
  expect((await client.get("/ok")).text).toBe("ok");
  expect(events.map((e) => [e.name, e.exception === null])).toEqual([["/bomb", false], ["/ok", true]]);
});

test.each(["/plain", "/chunked"])("a %s body past the limit fails; within it, it arrives whole", async (path) => {
  expect((await fixture(MiB).client.get(path)).error?.name).toBe("BodyTooLargeError");
  const whole = await fixture(2 * MiB).client.get(path);
  expect([whole.status, whole.content!.length, whole.content![0]]).toEqual([200, 2 * MiB, path === "/plain" ? 120 : 121]);
});

test("the default limit is 100 MiB, and an 8 MiB decoded body is within it", async () => {
  const { client, user } = createSessionFixture(server.url.href);
  expect([client.maxBodySize, (user.constructor as { maxBodySize?: number }).maxBodySize]).toEqual([100 * MiB, 100 * MiB]);
  expect((await client.get("/bomb")).content!.length).toBe(8 * MiB);
});
