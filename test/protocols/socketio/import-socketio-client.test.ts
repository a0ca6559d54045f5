import { expect, test } from "bun:test";
import { LocustError } from "../../../src/core/errors.ts";
import { importSocketIoClient } from "../../../src/protocols/socketio/import-socketio-client.ts";

/** A package that does not exist; a variable, so the type checker does not try to resolve it. */
const MISSING_PACKAGE = "locust-bun-no-such-package";

test("a missing package gives an actionable LocustError that keeps the import error as its cause", async () => {
  const error = await importSocketIoClient(() => import(MISSING_PACKAGE)).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(LocustError);
  expect(error).toMatchObject({
    message: "SocketIOUser needs the 'socket.io-client' package: bun add socket.io-client",
    code: "MISSING_DEPENDENCY",
    cause: expect.any(Error),
  });
});

test("the installed package loads", async () => {
  expect(Object.keys(await importSocketIoClient()).length).toBeGreaterThan(0);
});
