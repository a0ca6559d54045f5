import { RouteError } from "./route-table.ts";

/**
 * Reads a request body into name → values, whether it was sent form-encoded, as multipart form data or as a JSON
 * object (arrays become repeated values). An empty or unreadable body gives an empty map.
 */
export async function readBodyFields(req: Request): Promise<Map<string, string[]>> {
  const fields = new Map<string, string[]>();
  const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = await readJsonObject(req);
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) add(name, String(item));
    }
    return fields;
  }
  const text = await req.text();
  if (type.includes("multipart/form-data")) {
    const form = await new Response(text, { headers: { "content-type": type } }).formData();
    for (const [name, value] of form.entries()) if (typeof value === "string") add(name, value);
    return fields;
  }
  for (const [name, value] of new URLSearchParams(text)) add(name, value);
  return fields;
}

/** The request's JSON body when it is an object, else `{}`. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RouteError(400, `Malformed JSON body: ${err instanceof Error ? err.message : String(err)}`);
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
