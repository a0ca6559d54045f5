/**
 * The one line a failed `locust-bun build` prints: the bundler's first error with its file, line and column.
 * @module
 */
import { relative, resolve } from "node:path";
import { LocustError } from "../../core/errors.ts";

/** What is read from one of the bundler's messages (BuildMessage and ResolveMessage both fit). */
export interface BundlerLog {
  level: string;
  message: string;
  position: { file: string; line: number; column: number } | null;
}

const PROTOCOLS_DIR = resolve(import.meta.dir, "../../protocols") + "/";
const UNRESOLVED = /^Could not resolve: "([^"]+)"/;

/**
 * A protocol's library that is not installed fails inside locust-bun's own files; the user needs the package name
 * and the subpath that wanted it, not a path into locust-bun.
 */
function describeMissingLibrary(log: BundlerLog): string | undefined {
  const file = log.position?.file;
  const missing = UNRESOLVED.exec(log.message)?.[1];
  if (!file?.startsWith(PROTOCOLS_DIR) || missing === undefined) return undefined;
  const protocol = file.slice(PROTOCOLS_DIR.length).split("/")[0];
  return `Could not build: locust-bun/${protocol} needs the package "${missing}", which is not installed (bun add ${missing} in the locustfile's project)`;
}

/** One line for the first error of a failed build: `file:line:column: message` when it has a position. */
export function formatBuildError(logs: readonly BundlerLog[], cwd: string, outfile: string): LocustError {
  const errors = logs.filter((log) => log.level === "error");
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  const position = first?.position;
  const where = position ? `${relative(cwd, position.file) || position.file}:${position.line}:${position.column}: ` : "";
  const message = first ? first.message : "the bundler reported no error";
  const text =
    (first && describeMissingLibrary(first)) ??
    (where ? `Could not build ${where}${message}` : `Could not build the executable ${outfile}: ${message}`);
  return new LocustError(text + more, { code: "BUILD_FAILED", cause: logs });
}
