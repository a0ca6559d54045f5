import { describe, expect, test } from "bun:test";
import { LocustError } from "../../src/core/errors.ts";
import {
  EXIT_ARGUMENT_ERROR,
  EXIT_FAILURES,
  EXIT_FATAL,
  EXIT_OK,
  EXIT_STARTUP_ERROR,
  EXIT_UNHANDLED_ERROR,
  exitCodeForError,
  exitCodeForRun,
  normaliseExitCode,
} from "../../src/core/exit-codes.ts";
import { OptionError } from "../../src/core/options/option-error.ts";

describe("exit code constants", () => {
  test("match Locust's codes", () => {
    expect([EXIT_OK, EXIT_FAILURES, EXIT_STARTUP_ERROR, EXIT_ARGUMENT_ERROR, EXIT_UNHANDLED_ERROR, EXIT_FATAL]).toEqual([
      0, 1, 1, 2, 2, 255,
    ]);
  });
});

describe("exitCodeForError", () => {
  test("gives 2 for a bad option", () => {
    expect(exitCodeForError(new OptionError("invalid value for --users: 'abc' is not an integer"))).toBe(2);
  });

  test("gives 1 for startup errors such as a missing locustfile or unknown user class", () => {
    expect(exitCodeForError(new LocustError("Could not find 'locustfile.ts'", { code: "LOCUSTFILE_NOT_FOUND" }))).toBe(1);
    expect(exitCodeForError(new LocustError("Unknown User(s): Nope", { code: "UNKNOWN_USER_CLASS" }))).toBe(1);
  });

  test("gives 255 for -1 fatal errors", () => {
    expect(exitCodeForError(new OptionError({ message: "The --master argument cannot be combined with --worker", exitCode: 255 }))).toBe(255);
    expect(exitCodeForError(new LocustError("Failed to connect to the Locust master", { exitCode: -1 }))).toBe(255);
  });

  test("gives 1 for an unexpected crash", () => {
    expect(exitCodeForError(new TypeError("x is undefined"))).toBe(1);
    expect(exitCodeForError("a thrown string")).toBe(1);
  });
});

describe("exitCodeForRun", () => {
  const clean = { exitCodeOnError: 1, hasFailures: false, hasUserErrors: false, hasUnhandledErrors: false };

  test.each([
    ["a clean run", {}, 0],
    ["request failures", { hasFailures: true }, 1],
    ["user errors", { hasUserErrors: true }, 1],
    ["failures with --exit-code-on-error 3", { hasFailures: true, exitCodeOnError: 3 }, 3],
    ["failures with --exit-code-on-error 0", { hasFailures: true, exitCodeOnError: 0 }, 0],
    ["only an unhandled error in a listener", { hasUnhandledErrors: true }, 2],
    ["failures and an unhandled error", { hasFailures: true, hasUnhandledErrors: true }, 1],
    ["processExitCode 42 set by a quitting listener", { processExitCode: 42, hasFailures: true }, 42],
    ["processExitCode 0 over failures", { processExitCode: 0, hasFailures: true }, 0],
    ["a setup error that stopped the run", { hasSetupError: true }, 1],
    ["a setup error with --exit-code-on-error 0 and failures", { hasSetupError: true, hasFailures: true, exitCodeOnError: 0 }, 1],
    ["processExitCode 5 over a setup error", { processExitCode: 5, hasSetupError: true }, 5],
    ["processExitCode -1", { processExitCode: -1 }, 255],
  ])("gives the right code for %s", (_, outcome, code) => {
    expect(exitCodeForRun({ ...clean, ...outcome })).toBe(code);
  });
});

describe("normaliseExitCode", () => {
  test.each([
    [0, 0],
    [-1, 255],
    [256, 0],
    [300, 44],
    [1.5, 1],
  ])("maps %p to %p", (code, shellCode) => {
    expect(normaliseExitCode(code)).toBe(shellCode);
  });
});
