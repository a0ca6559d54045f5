/**
 * `locust-bun build`: compiles locustfiles, the files they import, locust-bun and the protocol libraries they use
 * into one executable with Bun's bundler. What the locustfiles do not import (other protocols, their libraries)
 * stays out, because protocol libraries are only imported from their protocol's folder.
 * @module
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { LocustError } from "../../core/errors.ts";
import { downloadUrlLocustfiles } from "../../core/locustfile/download.ts";
import { resolveLocustfilePaths } from "../../core/locustfile/load.ts";
import { createBundlePlugin, type LocustfileEntry } from "./bundle-plugin.ts";
import { formatBuildError } from "./format-build-error.ts";

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

/**
 * A private folder beside the output for Bun to build into: the bundler also writes source maps (the executable
 * embeds its own), which must not land beside the user's files. Creating it is also the check that the output's
 * folder can be written, so that fault is reported before building, with the path.
 */
function createStagingDir(outfile: string): string {
  const fail = (reason: string, cause?: unknown) =>
    new LocustError(`Cannot write the executable to ${outfile}: ${reason}`, { code: "BUILD_OUTPUT_UNWRITABLE", cause });
  let isFolder: boolean;
  let staging: string;
  try {
    isFolder = statSync(outfile, { throwIfNoEntry: false })?.isDirectory() ?? false;
    mkdirSync(dirname(outfile), { recursive: true });
    staging = mkdtempSync(join(dirname(outfile), ".locust-bun-build-"));
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err), err);
  }
  if (isFolder) {
    rmSync(staging, { recursive: true, force: true });
    throw fail("it is a folder");
  }
  return staging;
}

/** A locustfile's name in the executable: relative to the build's folder when inside it (else, e.g. a download, its file name). */
function displayName(path: string, cwd: string): string {
  const name = relative(cwd, path);
  return name === "" || name.startsWith("..") ? basename(path) : name;
}

/**
 * Builds one executable from the locustfiles of `request`.
 * @throws LocustError when a locustfile is missing or does not compile, or the output cannot be written
 */
export async function buildExecutable(request: BuildRequest): Promise<BuiltExecutable> {
  const paths = resolveLocustfilePaths(await downloadUrlLocustfiles(request.locustfile), request.cwd);
  const entries: LocustfileEntry[] = paths.map((path) => ({ path, name: displayName(path, request.cwd) }));
  const outfile = resolve(request.cwd, request.outfile);
  const staging = createStagingDir(outfile);
  try {
    const built = await bundle(entries, join(staging, basename(outfile)), request.target, request.cwd);
    // Bun may add a suffix (".exe" for Windows targets), so the executable keeps the name Bun gave it.
    const path = join(dirname(outfile), basename(built));
    renameSync(built, path);
    return { path, bytes: statSync(path).size, locustfiles: entries.map((entry) => entry.name) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs Bun's bundler into `outfile`; returns the executable's path. */
async function bundle(entries: readonly LocustfileEntry[], outfile: string, target: Bun.Build.CompileTarget | undefined, cwd: string): Promise<string> {
  let result: Bun.BuildOutput;
  try {
    result = await Bun.build({
      entrypoints: [ENTRY],
      target: "bun",
      throw: false,
      plugins: [createBundlePlugin(entries)],
      // Embedded in the executable: stack traces name the locustfile's own lines.
      sourcemap: "linked",
      // Precompiled bytecode starts the executable ~2.5x faster (bench/build-size.ts); Bun needs ESM for it.
      format: "esm",
      bytecode: true,
      compile: target ? { outfile, target } : { outfile },
    });
  } catch (err) {
    // Bun throws (rather than logging) for some setup faults, e.g. a target runtime it cannot download.
    const reason = err instanceof Error ? err.message : String(err);
    throw new LocustError(`Could not build the executable ${basename(outfile)}: ${reason}`, { code: "BUILD_FAILED", cause: err });
  }
  if (!result.success) throw formatBuildError(result.logs, cwd, basename(outfile));
  return result.outputs.find((output) => output.kind === "entry-point")?.path ?? outfile;
}
