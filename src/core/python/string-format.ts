/** Python's string formatting as Locust's outputs show it: `%s` padding and `repr()` of a string. */

/** Python's `%-{width}s`: pads on the right to `width` code points, never truncates. */
export function padRight(text: string, width: number): string {
  const missing = width - codePointLength(text);
  return missing > 0 ? text + " ".repeat(missing) : text;
}

/** Python's `%{width}s`: pads on the left to `width` code points, never truncates. */
export function padLeft(text: string, width: number): string {
  const missing = width - codePointLength(text);
  return missing > 0 ? " ".repeat(missing) + text : text;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) length--;
  }
  return length;
}

/** Python's non-printable characters (`str.isprintable()` false): categories C* and Z* (the space is ASCII). */
const PYTHON_NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/**
 * Python's `repr()` of a string: single quotes unless the text has `'` and no `"`; backslash and the quote
 * escaped; `\n`, `\r`, `\t`; other non-printable characters as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`. Printable
 * non-ASCII characters are kept, as Python 3 does.
 */
export function formatPythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\" || char === quote) out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (PYTHON_NON_PRINTABLE.test(char)) out += formatPythonEscape(code);
    else out += char;
  }
  return out + quote;
}

function formatPythonEscape(code: number): string {
  const hex = code.toString(16);
  if (code < 0x100) return `\\x${hex.padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}
