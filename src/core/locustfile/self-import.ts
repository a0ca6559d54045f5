/**
 * Lets a locustfile import `locust-bun` (and its subpaths) without installing it next to the file: a locustfile
 * in an empty folder, run with `bunx locust-bun -f locustfile.ts`, or one downloaded from a URL. Its imports are
 * pointed at the running copy of this package, so the user classes, `events` and the runner are one copy.
 * @module
 */
import { dirname, extname, join, resolve } from "node:path";
import packageJson from "../../../package.json" with { type: "json" };

const PACKAGE_ROOT = resolve(import.meta.dir, "../../..");
const OWN_ENTRY = join(PACKAGE_ROOT, packageJson.exports["."]);
const SPECIFIER = /(["'])(locust-bun(?:\/[\w.-]+)?)\1/g;
const LOADERS: Record<string, "ts" | "tsx" | "js" | "jsx"> = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "jsx" };

/** `locust-bun/x` → the absolute file it exports, from package.json's `exports`. */
const ownFiles = new Map(
  Object.entries(packageJson.exports as Record<string, string>).map(([subpath, file]) => [subpath.replace(/^\./, "locust-bun"), join(PACKAGE_ROOT, file)]),
);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const redirected = new Set<string>();

/** True when `locust-bun` imported from `dir` is not this copy (not installed there, or another copy). */
function needsRedirect(dir: string): boolean {
  try {
    return Bun.resolveSync("locust-bun", dir) !== OWN_ENTRY;
  } catch {
    return true;
  }
}

/**
 * Rewrites `"locust-bun"` / `"locust-bun/…"` imports in the scripts under each locustfile's folder (outside
 * `node_modules`) to this copy's files, when that folder would not resolve `locust-bun` to this copy itself.
 * Bun's runtime plugins cannot answer bare specifiers (`onResolve` never fires for them), so this rewrites the
 * source in `onLoad`; line numbers do not change.
 */
export function redirectSelfImports(locustfilePaths: readonly string[]): void {
  const dirs = [...new Set(locustfilePaths.map((path) => dirname(path)))].filter((dir) => !redirected.has(dir) && needsRedirect(dir));
  if (dirs.length === 0) return;
  for (const dir of dirs) redirected.add(dir);
  const filter = new RegExp(`^(${dirs.map(escapeRegExp).join("|")})/.*\\.[cm]?[jt]sx?$`);
  Bun.plugin({
    name: "locust-bun self import",
    setup(build) {
      build.onLoad({ filter }, async ({ path }) => {
        const source = await Bun.file(path).text();
        const contents = path.includes("/node_modules/")
          ? source
          : source.replace(SPECIFIER, (literal, quote: string, specifier: string) => {
              const file = ownFiles.get(specifier);
              return file === undefined ? literal : quote + file + quote;
            });
        return { contents, loader: LOADERS[extname(path)] ?? "ts" };
      });
    },
  });
}
