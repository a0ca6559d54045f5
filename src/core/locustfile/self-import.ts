/**
 * Lets a locustfile import `locust-bun` (and its subpaths) without installing it next to the file: a locustfile
 * in an empty folder, run with `bunx locust-bun -f locustfile.ts`, or one downloaded from a URL. Its imports are
 * pointed at the running copy of this package, so the user classes, `events` and the runner are one copy.
 * @module
 */
import { existsSync, realpathSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import packageJson from "../../../package.json" with { type: "json" };

const PACKAGE_ROOT = resolve(import.meta.dir, "../../..");
/** `from "locust-bun…"`, `import "…"`, `import("…")`, `require("…")`: only module specifiers, not other strings. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])(locust-bun(?:\/[\w.-]+)?)\2/g;
const LOADERS: Record<string, "ts" | "tsx" | "js"> = { ".ts": "ts", ".mts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js" };

/** `locust-bun/x` → the absolute file it exports, from package.json's `exports`. */
const ownFiles = new Map(
  Object.entries(packageJson.exports as Record<string, string>).map(([subpath, file]) => [subpath.replace(/^\./, "locust-bun"), join(PACKAGE_ROOT, file)]),
);

/** The file of this copy that `specifier` ("locust-bun" or "locust-bun/<subpath>") names, if it is exported. */
export function resolveOwnExport(specifier: string): string | undefined {
  return ownFiles.get(specifier);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const redirected = new Set<string>();

/** The folder `locust-bun` would be imported from, seen from `dir`: this package itself or an installed copy. */
function installedCopy(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const installed = join(current, "node_modules", "locust-bun");
    if (existsSync(join(installed, "package.json"))) return installed;
    if (current === PACKAGE_ROOT) return PACKAGE_ROOT;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * True when `locust-bun` imported from `dir` would not be this copy (not installed there, or another copy). Walks
 * the folders itself: Bun's resolver, asked for a package that is not installed, may try to auto-install it.
 */
function needsRedirect(dir: string): boolean {
  const copy = installedCopy(dir);
  return copy === undefined || realpathSync(copy) !== realpathSync(PACKAGE_ROOT);
}

/**
 * Rewrites `"locust-bun"` / `"locust-bun/…"` imports in the locustfiles and in the TypeScript and `.mjs` files
 * under their folders (outside `node_modules`) to this copy's files, when a folder would not resolve `locust-bun`
 * to this copy itself.
 * Bun's runtime plugins cannot answer bare specifiers (`onResolve` never fires for them), so this rewrites the
 * source in `onLoad`; line numbers do not change.
 */
export function redirectSelfImports(locustfilePaths: readonly string[]): void {
  const dirs = [...new Set(locustfilePaths.map((path) => dirname(path)))].filter((dir) => !redirected.has(dir) && needsRedirect(dir));
  if (dirs.length === 0) return;
  for (const dir of dirs) redirected.add(dir);
  // A file handed back from onLoad loses Bun's CommonJS detection, so only module sources are rewritten: the
  // locustfiles themselves and TypeScript / .mjs files beside them, never node_modules or plain .js/.cjs helpers.
  const scripts = `^(${dirs.map(escapeRegExp).join("|")})/(?!(.*/)?node_modules/).*\\.(m?tsx?|mjs)$`;
  const locustfiles = locustfilePaths.filter((path) => dirs.includes(dirname(path)));
  const filter = new RegExp(`${scripts}|^(${locustfiles.map(escapeRegExp).join("|")})$`);
  Bun.plugin({
    name: "locust-bun self import",
    setup(build) {
      build.onLoad({ filter }, async ({ path }) => {
        const source = await Bun.file(path).text();
        const contents = source.replace(SPECIFIER, (literal, keyword: string, quote: string, specifier: string) => {
          const file = resolveOwnExport(specifier);
          return file === undefined ? literal : keyword + quote + file + quote;
        });
        return { contents, loader: LOADERS[extname(path)] ?? "ts" };
      });
    },
  });
}
