/**
 * `-f https://…/locustfile.ts`: locustfiles named by URL are downloaded to a temporary folder for this run, as
 * Locust does, and removed when the process exits.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocustError } from "../errors.ts";

const isUrl = (item: string) => /^https?:\/\//i.test(item);

/** The file name to save `url` under: its last path segment, `.ts` added when it has no script extension. */
function fileNameFor(url: URL): string {
  const last = decodeURIComponent(url.pathname.split("/").pop() ?? "") || "locustfile";
  return /\.[cm]?[jt]sx?$/.test(last) ? last : `${last}.ts`;
}

async function download(url: string, dir: string): Promise<string> {
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new LocustError(`Failed to get locustfile from: ${url}. ${reason}`, { code: "LOCUSTFILE_DOWNLOAD_FAILED", cause: err });
  }
  const path = join(dir, fileNameFor(new URL(url)));
  await Bun.write(path, text);
  return path;
}

/**
 * Replaces every `http(s)://` item of a `-f` value (a comma list) with the path of its downloaded copy; other
 * items are kept as they are.
 * @throws LocustError when a download fails or answers with an error status.
 */
export async function downloadUrlLocustfiles(spec: string): Promise<string> {
  const items = spec.split(",").map((item) => item.trim());
  if (!items.some(isUrl)) return spec;
  const dir = mkdtempSync(join(tmpdir(), "locust-bun-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const resolved: string[] = [];
  for (const item of items) resolved.push(isUrl(item) ? await download(item, dir) : item);
  return resolved.join(",");
}
