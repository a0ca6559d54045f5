import { basename, extname } from "node:path";
import type { Environment } from "../core/environment.ts";

/**
 * Locust's download file names: `Locust_{stats start, local YYYY-MM-DD-HHhMM}_{locustfile}[_{host}]{suffix}`,
 * e.g. `Locust_2026-11-21-10h45_locustfile_http://127.0.0.1:8080_requests.csv` (the host is used as is, like
 * Locust; browsers replace the characters a file name cannot hold).
 */
export function formatReportFileName(environment: Environment, suffix: string): string {
  const start = new Date(environment.stats.startTime * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}-${pad(start.getHours())}h${pad(start.getMinutes())}`;
  const host = environment.host ? `_${environment.host}` : "";
  return `Locust_${stamp}_${locustfileName(environment)}${host}${suffix}`;
}

/**
 * A `Content-Disposition` that downloads as `fileName`: quoted (Locust leaves it bare, which breaks on a `;` or a
 * space), with an ASCII fallback and, when the name is not plain ASCII, its UTF-8 form (RFC 6266) — a header cannot
 * carry characters outside Latin-1 at all.
 */
export function formatAttachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const header = `attachment; filename="${ascii}"`;
  return ascii === fileName ? header : `${header}; filename*=UTF-8''${encodeRfc5987(fileName.toWellFormed())}`;
}

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The locustfile's base name without extension ("locustfile" when unknown). */
export function locustfileName(environment: Environment): string {
  const file = environment.parsedOptions.locustfile;
  if (typeof file !== "string" || file === "") return "locustfile";
  const first = basename(file.split(",")[0]!.trim());
  return first.slice(0, first.length - extname(first).length) || first;
}
