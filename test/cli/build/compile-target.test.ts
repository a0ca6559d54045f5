import { describe, expect, test } from "bun:test";
import { parseCompileTarget } from "../../../src/cli/build/compile-target.ts";
import { LocustError } from "../../../src/core/errors.ts";

describe("parseCompileTarget", () => {
  test.each([
    ["linux-arm64", "bun-linux-arm64"],
    ["linux-x64", "bun-linux-x64"],
    ["bun-linux-x64-baseline-musl", "bun-linux-x64-baseline-musl"],
    ["linux-aarch64-musl", "bun-linux-aarch64-musl"],
    ["Darwin-ARM64", "bun-darwin-arm64"],
    ["windows-x64-modern", "bun-windows-x64-modern"],
  ])("accepts %p as Bun's %p", (value, expected) => {
    expect(parseCompileTarget(value)).toBe(expected as Bun.Build.CompileTarget);
  });

  test("no value builds for this machine", () => {
    expect(parseCompileTarget(undefined)).toBeUndefined();
    expect(parseCompileTarget("")).toBeUndefined();
  });

  test.each(["linux-foo", "freebsd-x64", "darwin-x64-musl", "windows-x64-glibc", "linux-arm64-baseline", "x64"])(
    "rejects %p with the accepted forms and exit code 2",
    (value) => {
      let error: unknown;
      try {
        parseCompileTarget(value);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(LocustError);
      expect((error as LocustError).message).toBe(
        `Unknown --target '${value}'. Use one of linux-x64, linux-arm64, linux-x64-musl, linux-arm64-musl, darwin-arm64, darwin-x64, windows-x64 (or Bun's form, e.g. bun-linux-arm64)`,
      );
      expect((error as LocustError).exitCode).toBe(2);
    },
  );
});
