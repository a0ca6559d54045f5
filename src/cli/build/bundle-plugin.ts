/**
 * The bundler plugin of `locust-bun build`: it points the locustfiles' `locust-bun` imports at this copy (so the
 * executable holds one instance, whatever is installed beside the locustfile), and generates the module that lists
 * the locustfiles for the executable's entry.
 * @module
 */
import type { BunPlugin } from "bun";
import { resolveOwnExport } from "../../core/locustfile/self-import.ts";

/** The specifier the executable's entry imports its locustfile list from (see `embedded-locustfiles.d.ts`). */
const LOCUSTFILES_MODULE = "locust-bun:embedded-locustfiles";
const NAMESPACE = "locust-bun-build";

/** One locustfile to embed: the name it keeps in the executable and its absolute path. */
export interface LocustfileEntry {
  name: string;
  path: string;
}

/** The generated module: each locustfile as a lazy import, so it still runs after plugins and logging are set up. */
function renderLocustfilesModule(entries: readonly LocustfileEntry[]): string {
  const items = entries.map(({ name, path }) => `  { path: ${JSON.stringify(name)}, load: () => import(${JSON.stringify(path)}) },`);
  return `export default [\n${items.join("\n")}\n];\n`;
}

/** Creates the plugin for one build of `entries`. */
export function createBundlePlugin(entries: readonly LocustfileEntry[]): BunPlugin {
  return {
    name: "locust-bun build",
    setup(build) {
      build.onResolve({ filter: /^locust-bun(\/[\w.-]+)?$/ }, ({ path }) => {
        const file = resolveOwnExport(path);
        return file === undefined ? undefined : { path: file };
      });
      build.onResolve({ filter: new RegExp(`^${LOCUSTFILES_MODULE}$`) }, () => ({ path: LOCUSTFILES_MODULE, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: renderLocustfilesModule(entries), loader: "js" }));
    },
  };
}
