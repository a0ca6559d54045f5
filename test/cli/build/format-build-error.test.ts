import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { formatBuildError, type BundlerLog } from "../../../src/cli/build/format-build-error.ts";

const REPO = resolve(import.meta.dir, "../../..");
const error = (message: string, file?: string, line = 1, column = 1): BundlerLog => ({
  level: "error",
  message,
  position: file === undefined ? null : { file, line, column },
});

describe("formatBuildError", () => {
  test("names the first error's file relative to the build folder, its line and column, and how many more", () => {
    const logs = [error('Expected ")" but found ";"', "/p/load/locustfile.ts", 3, 44), error("Unexpected end of file", "/p/load/locustfile.ts", 5, 1)];
    expect(formatBuildError(logs, "/p/load", "loadtest").message).toBe('Could not build locustfile.ts:3:44: Expected ")" but found ";" (and 1 more error)');
  });

  test("an error without a position names the executable", () => {
    expect(formatBuildError([error("ENOSPC")], "/p", "loadtest").message).toBe("Could not build the executable loadtest: ENOSPC");
  });

  test("a protocol library that is not installed is named with the subpath that needs it", () => {
    const inside = join(REPO, "src/protocols/mqtt/import-mqtt.ts");
    const logs = [error('Could not resolve: "mqtt". Maybe you need to "bun install"?', inside, 13, 90), { ...error("ignored"), level: "warning" }];
    expect(formatBuildError(logs, "/p", "loadtest").message).toBe(
      'Could not build: locust-bun/mqtt needs the package "mqtt", which is not installed (bun add mqtt in the locustfile\'s project)',
    );
  });

  test("an unresolved import in the locustfile itself keeps its position", () => {
    const logs = [error('Could not resolve: "./helpers.ts"', "/p/unresolved.ts", 2, 22)];
    expect(formatBuildError(logs, "/p", "loadtest").message).toBe('Could not build unresolved.ts:2:22: Could not resolve: "./helpers.ts"');
  });
});
