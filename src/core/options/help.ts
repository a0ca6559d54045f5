import { ArgumentTable } from "./argument-table.ts";
import type { FlagGroup, FlagSpec } from "./flags.ts";

/** Layout of {@link formatHelp}. */
export interface HelpLayout {
  programName?: string;
  /** Total line width (default 100). */
  width?: number;
}

const HELP_COLUMN = 30;

const GROUP_NOTES: Partial<Record<FlagGroup, string>> = {
  Master:
    "A distributed test has one master, which coordinates the workers and merges their stats; " +
    "it needs workers before a test can start.",
  Worker: "Workers usually need only these options and -f: -u, -r, -t... come from the master.",
  Tag: "Tasks can be tagged with @tag; these options choose which tagged tasks run.",
  Threshold: "Pass/fail gates on the final stats for CI; a failed one sets exit code 3.",
  Custom: "Options added by plugins and locustfiles.",
};

const GROUP_ORDER: readonly FlagGroup[] = [
  "Common",
  "Web UI",
  "Master",
  "Worker",
  "Tag",
  "Request statistics",
  "Threshold",
  "Logging",
  "Other",
  "Custom",
];

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((part) => part !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** `  -u, --users <int>     Peak number…` in argparse's two-column layout. */
function formatEntry(names: string, help: string, width: number): string[] {
  const helpLines = wrap(help, width - HELP_COLUMN);
  const indent = " ".repeat(HELP_COLUMN);
  const head = `  ${names}`;
  if (head.length + 2 > HELP_COLUMN) return [head, ...helpLines.map((line) => indent + line)];
  const [first = "", ...rest] = helpLines;
  return [head.padEnd(HELP_COLUMN) + first, ...rest.map((line) => indent + line)].map((line) => line.trimEnd());
}

function flagNames(flag: FlagSpec): string {
  const names = flag.short ? `${flag.short}, ${flag.long}` : flag.long;
  return flag.metavar ? `${names} ${flag.metavar}` : names;
}

/**
 * The `--help` text: usage, then every visible flag grouped as Locust groups them, then the positional arguments
 * and where else options can be set.
 */
export function formatHelp(table: ArgumentTable = new ArgumentTable(), layout: HelpLayout = {}): string {
  const width = layout.width ?? 100;
  const lines = [`Usage: ${layout.programName ?? "locust-bun"} [options] [UserClass ...]`, ""];
  for (const group of GROUP_ORDER) {
    const flags = table.flags.filter((flag) => flag.group === group && !flag.hidden && !flag.removed);
    if (flags.length === 0) continue;
    lines.push(`${group} options:`);
    const note = GROUP_NOTES[group];
    if (note) lines.push(...wrap(note, width - 2).map((line) => `  ${line}`), "");
    for (const flag of flags) lines.push(...formatEntry(flagNames(flag), flag.help, width));
    lines.push("");
  }
  lines.push("User classes:");
  lines.push(
    ...formatEntry(
      "<UserClass1 UserClass2>",
      "User classes to run (default: all; list them with --list). Put them before -T/-E or after '--'. " +
        "LOCUST_USER_CLASSES (space separated) also works. A URL here (https://...) runs smoke mode, like --url.",
      width,
    ),
    "",
  );
  lines.push(
    ...wrap(
      "Options can also be set in ~/.locust.conf, ./locust.conf, ./pyproject.toml [tool.locust], package.json " +
        '"locust", a --config file, or LOCUST_* environment variables (e.g. LOCUST_USERS=10); later sources win ' +
        "and the command line wins over all.",
      width,
    ),
  );
  return `${lines.join("\n")}\n`;
}
