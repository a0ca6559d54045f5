/**
 * The `locust-bun build` subcommand (citty): `-f locustfile.ts -o loadtest [--target linux-arm64]`.
 * @module
 */
import { defineCommand } from "citty";
import { relative } from "node:path";
import { LocustError } from "../../core/errors.ts";
import { EXIT_ARGUMENT_ERROR } from "../../core/exit-codes.ts";
import { buildExecutable } from "./build-executable.ts";
import { parseCompileTarget, TARGET_EXAMPLES } from "./compile-target.ts";

const FLAG = /^(-f|--locustfile|-o|--outfile|--target)(=.*)?$/;

/** citty ignores what it does not know; a mistyped flag must not build something else than asked. */
function assertKnownArguments(rawArgs: readonly string[]): void {
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    const flag = FLAG.exec(arg);
    if (flag && flag[2] === undefined) i++; // the next argument is its value
    if (flag) continue;
    throw new LocustError(`locust-bun build: unknown argument '${arg}' (expected -f/--locustfile, -o/--outfile, --target)`, {
      code: "BAD_BUILD_ARGUMENT",
      exitCode: EXIT_ARGUMENT_ERROR,
    });
  }
}

/** `locust-bun build`: one executable that runs a locustfile with the same flags as `locust-bun`. */
export const buildCommand = defineCommand({
  meta: {
    name: "build",
    description: "Compile a locustfile, locust-bun and the libraries it uses into one executable that takes locust-bun's flags (minus -f)",
  },
  args: {
    locustfile: { type: "string", alias: "f", default: "locustfile", description: "Locustfile(s) to embed: files, folders or URLs, comma-separated" },
    outfile: { type: "string", alias: "o", default: "loadtest", description: "Path of the executable to write" },
    target: { type: "string", description: `Platform to build for, e.g. ${TARGET_EXAMPLES.slice(0, 3).join(", ")} (default: this machine)` },
  },
  async run({ args, rawArgs }) {
    assertKnownArguments(rawArgs);
    const started = performance.now();
    const target = parseCompileTarget(args.target);
    const built = await buildExecutable({ locustfile: args.locustfile, outfile: args.outfile, target, cwd: process.cwd() });
    const size = (built.bytes / 1024 / 1024).toFixed(1);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Built ${relative(process.cwd(), built.path) || built.path} (${size} MiB, ${target ?? "this machine"}) from ${built.locustfiles.join(", ")} in ${seconds} s\n`,
    );
  },
});
