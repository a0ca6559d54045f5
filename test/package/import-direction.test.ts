import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { REPO_ROOT } from "../support/run-cli.ts";

const SRC = join(REPO_ROOT, "src");
const HEAVY = ["mqtt", "pg", "mongodb", "socket.io-client", "@zilliz/milvus2-sdk-node", "dns-packet"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

interface ImportSite {
  file: string;
  specifier: string;
  typeOnly: boolean;
  dynamic: boolean;
}

/** `{ type A, type B }`: a named list in which every name is a type (erased at run time, so no value edge). */
function onlyTypes(clause: string): boolean {
  const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1]?.split(",").map((name) => name.trim()).filter(Boolean);
  return names !== undefined && names.length > 0 && names.every((name) => name.startsWith("type "));
}

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, "utf8");
  const rel = relative(SRC, file);
  const sites: ImportSite[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\sfrom\s+["']([^"']+)["']/gm)) {
    sites.push({ file: rel, specifier: match[4]!, typeOnly: Boolean(match[2]) || onlyTypes(match[3]!), dynamic: false });
  }
  for (const match of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) {
    sites.push({ file: rel, specifier: match[1]!, typeOnly: false, dynamic: false });
  }
  for (const match of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) {
    sites.push({ file: rel, specifier: match[1]!, typeOnly: false, dynamic: true });
  }
  return sites;
}

const allImports = sourceFiles(SRC).flatMap(importsOf);
/** The source file (relative to src) a relative specifier names, or undefined for a package. */
const targetOf = (site: ImportSite) => (site.specifier.startsWith(".") ? relative(SRC, join(SRC, site.file, "..", site.specifier)) : undefined);
const resolvesInto = (site: ImportSite, folder: string) =>
  site.specifier.startsWith(".") && join(SRC, site.file, "..", site.specifier).startsWith(join(SRC, folder));

describe("dependency direction", () => {
  test("core imports nothing from protocols, ui or the CLI", () => {
    const offenders = allImports.filter(
      (site) => site.file.startsWith("core/") && !site.typeOnly && ["protocols", "ui", "cli"].some((f) => resolvesInto(site, f)),
    );
    expect(offenders).toEqual([]);
  });

  test("protocols never import the stats module: they only fire or measure the request event", () => {
    const offenders = allImports.filter((site) => site.file.startsWith("protocols/") && resolvesInto(site, "core/stats"));
    expect(offenders).toEqual([]);
  });

  test("heavy protocol libraries are imported only inside their own protocol folder, and only lazily", () => {
    const offenders = allImports.filter((site) => {
      const heavy = HEAVY.some((name) => site.specifier === name || site.specifier.startsWith(`${name}/`));
      return heavy && !site.typeOnly && (!site.dynamic || !site.file.startsWith("protocols/"));
    });
    expect(offenders).toEqual([]);
  });
});

describe("boundaries", () => {
  test("no value import cycle between source files (type-only imports are erased and may go both ways)", () => {
    const edges = new Map<string, string[]>();
    for (const site of allImports) {
      const target = targetOf(site);
      if (site.typeOnly || site.dynamic || !target) continue;
      edges.set(site.file, [...(edges.get(site.file) ?? []), target]);
    }
    const cycles: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") return void cycles.push([...path.slice(path.indexOf(file)), file]);
      state.set(file, "open");
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of edges.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test("a folder with an index.ts is entered from outside only through it", () => {
    const offenders = allImports.flatMap((site) => {
      const target = targetOf(site);
      if (!target) return [];
      // Every folder on the target's path that the importing file is not inside of: the first one with a barrel
      // must be entered through it.
      const parts = target.split(sep).slice(0, -1);
      for (let depth = 1; depth <= parts.length; depth++) {
        const folder = parts.slice(0, depth).join(sep);
        if (`${dirname(site.file)}${sep}`.startsWith(`${folder}${sep}`)) continue;
        const barrel = join(folder, "index.ts");
        if (existsSync(join(SRC, barrel))) return target === barrel ? [] : [`${site.file} imports ${site.specifier}`];
      }
      return [];
    });
    expect(offenders).toEqual([]);
  });
});
