/**
 * `--target` of `locust-bun build`: Bun's cross-compile targets, checked before building so a typo gives one clear
 * line instead of Bun's error.
 * @module
 */
import { LocustError } from "../../core/errors.ts";
import { EXIT_ARGUMENT_ERROR } from "../../core/exit-codes.ts";

/** Examples for the error message and the help text. */
export const TARGET_EXAMPLES = ["linux-x64", "linux-arm64", "linux-x64-musl", "linux-arm64-musl", "darwin-arm64", "darwin-x64", "windows-x64"];

// Bun's forms: bun-<os>-<arch>[-baseline|-modern][-glibc|-musl]; libc only on Linux, SIMD levels only on x64.
const TARGET = /^(?:bun-)?(?:linux-(?:x64(?:-baseline|-modern)?|arm64|aarch64)(?:-glibc|-musl)?|darwin-(?:x64(?:-baseline|-modern)?|arm64|aarch64)|windows-(?:x64(?:-baseline|-modern)?|arm64|aarch64))$/;

/**
 * Parses a `--target` value ("linux-arm64" or Bun's "bun-linux-arm64"), or undefined for this machine.
 * @throws LocustError (exit code 2) naming the accepted forms
 */
export function parseCompileTarget(value: string | undefined): Bun.Build.CompileTarget | undefined {
  if (value === undefined || value === "") return undefined;
  const target = value.trim().toLowerCase();
  if (!TARGET.test(target)) {
    throw new LocustError(`Unknown --target '${value}'. Use one of ${TARGET_EXAMPLES.join(", ")} (or Bun's form, e.g. bun-linux-arm64)`, {
      code: "BAD_BUILD_TARGET",
      exitCode: EXIT_ARGUMENT_ERROR,
    });
  }
  return (target.startsWith("bun-") ? target : `bun-${target}`) as Bun.Build.CompileTarget;
}
