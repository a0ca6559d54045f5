/** One `key = value` line of a locust.conf file. */
export interface ConfEntry {
  key: string;
  /** The value with quotes and inline comments removed; `undefined` for a bare key (`headless`). */
  value: string | undefined;
  line: number;
}

/** The entries of a locust.conf file, and the numbers of lines that could not be read. */
export interface ParsedConf {
  entries: ConfEntry[];
  badLines: number[];
}

const KEY_VALUE = /^([A-Za-z0-9_.-]+)\s*(?:[=:]\s*|\s+)(.*)$/;
const BARE_KEY = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses Locust's config-file format (ConfigArgParse's): `key = value`, `key: value` or `key value` lines; `#` and
 * `;` start comment lines and, after whitespace, inline comments; `[section]` headers are ignored; values may be
 * quoted; a bare key means "true". List values such as `[a, b]` stay text for the option's parser.
 */
export function parseConfText(text: string): ParsedConf {
  const parsed: ParsedConf = { entries: [], badLines: [] };
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";") || /^\[.*\]$/.test(line)) return;
    if (BARE_KEY.test(line)) {
      parsed.entries.push({ key: line, value: undefined, line: index + 1 });
      return;
    }
    const match = KEY_VALUE.exec(line);
    if (!match) {
      parsed.badLines.push(index + 1);
      return;
    }
    parsed.entries.push({ key: match[1], value: cleanValue(match[2]), line: index + 1 });
  });
  return parsed;
}

function cleanValue(value: string): string {
  const quoted = /^(['"])(.*?)\1(\s+[#;].*)?$/.exec(value);
  if (quoted) return quoted[2];
  return value.replace(/\s+[#;].*$/, "").trim();
}
