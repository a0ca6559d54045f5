/**
 * JSON text the way Locust's Flask app writes it: object keys sorted, two-space indent (Locust runs Flask in
 * debug mode, which pretty-prints), non-ASCII escaped as `\uXXXX`, and a trailing newline. Only float formatting
 * differs: JavaScript prints `1` where Python prints `1.0`.
 */
export function formatLocustJson(value: unknown): string {
  const text = JSON.stringify(value, sortKeysReplacer, 2) ?? "null";
  return `${text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

/** A JSON response with Locust's formatting (see {@link formatLocustJson}). */
export function locustJsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(formatLocustJson(value), { ...init, headers });
}

function sortKeysReplacer(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}
