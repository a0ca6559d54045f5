/**
 * Finds and imports locustfiles: `.ts`/`.js` files, comma-separated lists and directories.
 * @module
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LocustError } from "../errors.ts";
import { redirectSelfImports } from "./self-import.ts";

const SCRIPT_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

/** One imported locustfile. */
export interface LoadedLocustfile {
  path: string;
  module: Record<string, unknown>;
}

const isScript = (name: string) => SCRIPT_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith(".d.ts");

function scriptsIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("_") && !entry.name.startsWith("."))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : scriptsIn(path);
      return isScript(entry.name) && !/\.(test|spec)\.[mc]?[jt]s$/.test(entry.name) ? [path] : [];
    })
    .sort();
}

/**
 * Expands a `-f` value (comma list of files and directories; a name without extension also matches `.ts`/`.js`)
 * into absolute script paths.
 */
export function resolveLocustfilePaths(spec: string | undefined, cwd: string): string[] {
  const items = (spec || "locustfile").split(",").map((item) => item.trim()).filter(Boolean);
  return items.flatMap((item) => {
    const path = [item, ...SCRIPT_EXTENSIONS.map((ext) => item + ext)]
      .map((candidate) => resolve(cwd, candidate))
      .find((candidate) => existsSync(candidate)) ?? resolve(cwd, item);
    if (!existsSync(path)) {
      throw new LocustError(`Could not find '${item}'. Ensure the file exists and ends in '.ts' or '.js'.`, {
        code: "LOCUSTFILE_NOT_FOUND",
      });
    }
    if (statSync(path).isDirectory()) return scriptsIn(path);
    return [path];
  });
}

function describeImportError(path: string, err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `Could not load locustfile ${path}: ${message.split("\n")[0]}`;
}

/** A locustfile to import: its path (or name) and how to import its module. */
export interface LocustfileSource {
  path: string;
  load: () => Promise<Record<string, unknown>>;
}

/** Imports the sources in order; one that throws or does not parse gives one clear LocustError. */
export async function importLocustfileSources(sources: readonly LocustfileSource[]): Promise<LoadedLocustfile[]> {
  const loaded: LoadedLocustfile[] = [];
  for (const { path, load } of sources) {
    try {
      loaded.push({ path, module: await load() });
    } catch (err) {
      throw new LocustError(describeImportError(path, err), { code: "LOCUSTFILE_IMPORT_FAILED", cause: err });
    }
  }
  return loaded;
}

/**
 * Imports every locustfile; a file that throws or does not parse gives one clear LocustError. Their imports of
 * `locust-bun` get this copy even where it is not installed (see {@link redirectSelfImports}).
 */
export async function importLocustfiles(paths: readonly string[]): Promise<LoadedLocustfile[]> {
  redirectSelfImports(paths);
  return importLocustfileSources(
    paths.map((path) => ({ path, load: async () => (await import(pathToFileURL(path).href)) as Record<string, unknown> })),
  );
}
