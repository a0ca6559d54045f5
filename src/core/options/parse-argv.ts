import type { ArgumentTable } from "./argument-table.ts";
import type { FlagSpec } from "./flags.ts";
import type { OptionProblem } from "./option-error.ts";

/** A flag given on the command line, its text not yet typed. */
export interface ArgvValue {
  flag: FlagSpec;
  /** `true` for a bare boolean flag, a string for one value, a list for list flags. */
  raw: true | string | string[];
}

/** The command line split into flag values (by option key), positionals and problems. */
export interface ParsedArgv {
  values: Map<string, ArgvValue>;
  positionals: string[];
  problems: OptionProblem[];
}

/** A token that starts a flag: `-x`/`--xyz`, but not `-` (stdin / "from master") nor a negative number. */
function isFlagToken(token: string): boolean {
  return token.startsWith("-") && token !== "-" && !/^-\.?\d/.test(token);
}

function splitToken(token: string): { name: string; inline?: string } {
  if (token.startsWith("--")) {
    const equals = token.indexOf("=");
    return equals < 0 ? { name: token } : { name: token.slice(0, equals), inline: token.slice(equals + 1) };
  }
  const rest = token.slice(2);
  if (rest === "") return { name: token };
  return { name: token.slice(0, 2), inline: rest.startsWith("=") ? rest.slice(1) : rest };
}

/**
 * Splits argv (without the program name) against the table. Supports `--key value`, `--key=value`, `-u 10`,
 * `-u=10`, `-u10`, bare boolean flags (and `--flag=false`), and `--` to end options. List flags (`-T`, `-E`,
 * `--config-users`) take every following token up to the next flag, so user class names go before them or after
 * `--`; repeating a list flag adds to it, so does repeating an expression-list flag (`--threshold`, one value
 * each); repeating another flag overrides it (argparse). Never throws.
 */
export function parseArgv(argv: readonly string[], table: ArgumentTable): ParsedArgv {
  const parsed: ParsedArgv = { values: new Map(), positionals: [], problems: [] };
  const cursor: Cursor = { argv, index: 0 };
  while (cursor.index < argv.length) {
    const token = argv[cursor.index++];
    if (token === "--") {
      parsed.positionals.push(...argv.slice(cursor.index));
      break;
    }
    if (!isFlagToken(token)) {
      parsed.positionals.push(token);
      continue;
    }
    const { name, inline } = splitToken(token);
    const flag = table.findFlag(name);
    // "-lV" is not "-l V": a boolean short flag glued to more letters is an unknown token.
    if (!flag || (flag.kind === "bool" && inline !== undefined && !token.startsWith("--") && !token.includes("="))) {
      parsed.problems.push(unknownFlag(token, name, table));
      continue;
    }
    const raw = readValue(flag, inline, cursor);
    if (flag.removed || raw === undefined) {
      const metavar = flag.metavar ? ` ${flag.metavar}` : "";
      parsed.problems.push({ message: flag.removed ?? `option ${flag.long} expects a value${metavar}` });
      continue;
    }
    const previous = parsed.values.get(flag.key)?.raw;
    const merged = Array.isArray(previous) && Array.isArray(raw) ? [...previous, ...raw] : raw;
    parsed.values.set(flag.key, { flag, raw: merged });
  }
  return parsed;
}

interface Cursor {
  argv: readonly string[];
  index: number;
}

/** The flag's value: inline, the following token(s), or undefined when a required value is missing. */
function readValue(flag: FlagSpec, inline: string | undefined, cursor: Cursor): ArgvValue["raw"] | undefined {
  const isList = flag.kind === "list" || flag.kind === "userConfig";
  if (flag.kind === "bool") return inline ?? true;
  if (flag.kind === "expressionList") {
    if (inline !== undefined) return [inline];
    const next = cursor.argv[cursor.index];
    return next === undefined || next === "--" || isFlagToken(next) ? undefined : [cursor.argv[cursor.index++]!];
  }
  if (inline !== undefined) return isList ? [inline] : inline;
  const taken: string[] = [];
  while (cursor.index < cursor.argv.length && (isList || taken.length === 0)) {
    const next = cursor.argv[cursor.index];
    if (isFlagToken(next) || next === "--") break;
    taken.push(next);
    cursor.index++;
  }
  return isList ? taken : taken[0];
}

function unknownFlag(token: string, name: string, table: ArgumentTable): OptionProblem {
  const candidate = token.startsWith("--") ? name : token;
  // One- or two-letter names give meaningless suggestions ("-x" is not a typo of "--csv").
  const suggestion = candidate.replace(/^-+/, "").length > 2 ? table.suggestFlag(candidate) : undefined;
  return { message: `unrecognized option '${token}'${suggestion ? `. Did you mean '${suggestion}'?` : ""}` };
}
