import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
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

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, "utf8");
  const rel = relative(SRC, file);
  const sites: ImportSite[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+["']([^"']+)["']/gm)) {
    sites.push({ file: rel, specifier: match[3]!, typeOnly: Boolean(match[2]), dynamic: false });
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
