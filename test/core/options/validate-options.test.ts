import { describe, expect, test } from "bun:test";
import { defaultOptions, type Options } from "../../../src/core/options/options.ts";
import { validateOptions } from "../../../src/core/options/validate-options.ts";

const problemsFor = (changes: Partial<Options>) => validateOptions({ ...defaultOptions(), ...changes });

describe("validateOptions", () => {
  test("finds nothing wrong with the defaults", () => {
    expect(validateOptions(defaultOptions())).toEqual([]);
  });

  test.each<[string, Partial<Options>, string, number | undefined]>([
    ["--csv-full-history without --csv", { csvFullHistory: true }, "'--csv-full-history' requires '--csv'.", undefined],
    ["--autoquit without --autostart", { autoquit: 10 }, "--autoquit is only meaningful in combination with --autostart", 1],
    ["--master with --worker", { master: true, worker: true }, "The --master argument cannot be combined with --worker", 255],
    ["--processes below -1", { processes: -2 }, "Invalid --processes count -2: use a positive number of worker processes, or -1 for one per CPU", 1],
    ["--processes 0", { processes: 0 }, "Invalid --processes count 0: use a positive number of worker processes, or -1 for one per CPU", 1],
    [
      "--processes with --master",
      { processes: 4, master: true },
      "--master cannot be combined with --processes. Remove --master, as it is implicit as long as --worker is not set.",
      1,
    ],
    [
      "a --web-base-path without a leading slash",
      { webBasePath: "locust" },
      "Invalid format for --web-base-path argument (locust): the url path must start with a slash.",
      1,
    ],
    ["--web-auth without a colon", { webAuth: "admin" }, "invalid value for --web-auth: expected 'username:password'", undefined],
    [
      "-f - on a non-worker",
      { locustfile: "-" },
      "locustfile was set to '-' (meaning to download from master) but --worker was not specified.",
      1,
    ],
  ])("reports %s", (_, changes, message, exitCode) => {
    expect(problemsFor(changes)).toEqual([exitCode === undefined ? { message } : { message, exitCode }]);
  });

  test.each<[string, Partial<Options>]>([
    ["--csv-full-history with --csv", { csvFullHistory: true, csvPrefix: "out" }],
    ["--autoquit with --autostart", { autoquit: 0, autostart: true }],
    ["--processes -1 on a worker", { processes: -1, worker: true }],
    ["a basic-auth pair", { webAuth: "admin:s3cret:with:colons" }],
    ["both TLS files", { tlsCert: "c.pem", tlsKey: "k.pem" }],
    ["-f - on a worker", { locustfile: "-", worker: true }],
    ["a base path with a slash", { webBasePath: "/locust" }],
  ])("accepts %s", (_, changes) => {
    expect(problemsFor(changes)).toEqual([]);
  });

  test("never echoes a --web-auth password", () => {
    const [problem] = problemsFor({ webAuth: "admin:" });
    expect(problem.message).not.toContain("admin");
  });
});
