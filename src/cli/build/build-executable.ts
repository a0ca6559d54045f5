/**
 * `locust-bun build`: compiles locustfiles, the files they import, locust-bun and the protocol libraries they use
 * into one executable with Bun's bundler. What the locustfiles do not import (other protocols, their libraries)
 * stays out, because protocol libraries are only imported from their protocol's folder.
 * @module
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { LocustError } from "../../core/errors.ts";
import { downloadUrlLocustfiles } from "../../core/locustfile/download.ts";
import { resolveLocustfilePaths } from "../../core/locustfile/load.ts";
import { createBundlePlugin, type LocustfileEntry } from "./bundle-plugin.ts";

const ENTRY = join(import.meta.dir, "executable-entry.ts");

/** What to build. */
export interface BuildRequest {
  /** A `-f` value: files, folders or URLs, comma-separated. */
  locustfile: string;
  outfile: string;
  /** A Bun compile target; undefined builds for this machine. */
  target?: Bun.Build.CompileTarget;
  cwd: string;
}

/** A finished build. */
export interface BuiltExecutable {
  path: string;
  bytes: number;
  locustfiles: string[];
}

/** Fails early, with the path in the message, when the executable cannot be written where asked. */
function assertWritableOutput(outfile: string): void {
  const dir = dirname(outfile);
  const fail = (reason: string, cause?: unknown) =>
    new LocustError(`Cannot write the executable to ${outfile}: ${reason}`, { code: "BUILD_OUTPUT_UNWRITABLE", cause });
  const probe = join(dir, `.locust-bun-build-${process.pid}`);
  let isFolder = false;
  try {
    isFolder = statSync(outfile, { throwIfNoEntry: false })?.isDirectory() ?? false;
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err), err);
  }
  if (isFolder) throw fail("it is a folder");
}

/** One line for the first build error: `file:line:column: message` when it has a position. */
function formatBuildError(logs: readonly (BuildMessage | ResolveMessage)[], cwd: string, outfile: string): LocustError {
  const errors = logs.filter((log) => log.level === "error");
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  const where = first?.position ? `${relative(cwd, first.position.file) || first.position.file}:${first.position.line}:${first.position.column}: ` : "";
  const message = first ? first.message : "the bundler reported no error";
  const text = where ? `Could not build ${where}${message}${more}` : `Could not build the executable ${outfile}: ${message}${more}`;
  return new LocustError(text, { code: "BUILD_FAILED", cause: logs });
}

/**
 * Builds one executable from the locustfiles of `request`.
 * @throws LocustError when a locustfile is missing or does not compile, or the output cannot be written
 */
export async function buildExecutable(request: BuildRequest): Promise<BuiltExecutable> {
  const paths = resolveLocustfilePaths(await downloadUrlLocustfiles(request.locustfile), request.cwd);
  const entries: LocustfileEntry[] = paths.map((path) => ({ path, name: relative(request.cwd, path) || path }));
  const outfile = resolve(request.cwd, request.outfile);
  assertWritableOutput(outfile);
  let result: Bun.BuildOutput;
  try {
    result = await Bun.build({
      entrypoints: [ENTRY],
      target: "bun",
      throw: false,
      plugins: [createBundlePlugin(entries)],
      compile: request.target ? { outfile, target: request.target } : { outfile },
    });
  } catch (err) {
    // Bun throws (rather than logging) for some setup faults, e.g. a target runtime it cannot get.
    throw new LocustError(`Could not build the executable ${outfile}: ${err instanceof Error ? err.message : String(err)}`, { code: "BUILD_FAILED", cause: err });
  }
  if (!result.success) throw formatBuildError(result.logs, request.cwd, outfile);
  const path = result.outputs[0]?.path ?? outfile;
  return { path, bytes: statSync(path).size, locustfiles: entries.map((entry) => entry.name) };
}
