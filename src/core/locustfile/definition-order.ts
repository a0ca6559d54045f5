import { readFileSync } from "node:fs";

const DECLARATION = (name: string) => new RegExp(`\\b(?:class|const|let|var|function)\\s+${name}\\b`);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A module's exports in the order the file declares them. A module namespace lists its exports alphabetically,
 * while Locust lists and spawns user classes in definition order (`--list`, task ratios, dispatch); so each export
 * is placed where its declaration (`class Name`, or `const Name = class …`) appears in the file's text. Exports
 * declared elsewhere (re-exports) follow in alphabetical order; an unreadable file keeps the namespace order.
 */
export function exportsInDefinitionOrder(path: string, module: Record<string, unknown>): unknown[] {
  const entries = Object.entries(module);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // Not a readable file (e.g. a virtual module): the namespace's own order is all there is.
    return entries.map(([, value]) => value);
  }
  const position = ([exportName, value]: [string, unknown]): number => {
    const declared = typeof value === "function" && IDENTIFIER.test(value.name) ? value.name : exportName;
    const index = IDENTIFIER.test(declared) ? text.search(DECLARATION(declared)) : -1;
    return index < 0 ? Infinity : index;
  };
  const positions = new Map(entries.map((entry) => [entry[0], position(entry)]));
  const order = (a: [string, unknown], b: [string, unknown]) => {
    const [pa, pb] = [positions.get(a[0])!, positions.get(b[0])!];
    return pa === pb ? 0 : pa < pb ? -1 : 1;
  };
  return entries.sort(order).map(([, value]) => value);
}
