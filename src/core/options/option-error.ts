import { LocustError } from "../errors.ts";

/** Exit code of an argument error, as argparse uses. */
const ARGUMENT_ERROR_EXIT = 2;

/** One problem with the given options: a single actionable line. */
export interface OptionProblem {
  /** The line printed to the user, e.g. `invalid value for --users: 'abc' is not an integer`. */
  message: string;
  /**
   * The exit code Locust uses when this problem stops it: 2 for argument errors (the default), 1 for the checks
   * Locust's `main` makes after parsing (e.g. `--autoquit` without `--autostart`), 255 for `--master` with `--worker`.
   */
  exitCode?: number;
}

/**
 * Every problem found while reading flags, environment variables and config files, reported at once (one line each,
 * k6 style). Its exit code is 2 when any problem is an argument error, else the first problem's code, matching the
 * order in which Locust would have stopped.
 */
export class OptionError extends LocustError {
  readonly problems: readonly OptionProblem[];

  constructor(problems: string | OptionProblem | readonly OptionProblem[], cause?: unknown) {
    const list = normaliseProblems(problems);
    super(list.map((problem) => problem.message).join("\n"), {
      code: "INVALID_OPTIONS",
      hint: "Run 'locust-bun --help' to see every option.",
      exitCode: exitCodeOf(list),
      cause,
    });
    this.problems = list;
  }
}

/** One line per distinct message: several flags of one removed feature (`--step-load --step-users 5`) say it once. */
function normaliseProblems(problems: string | OptionProblem | readonly OptionProblem[]): OptionProblem[] {
  if (typeof problems === "string") return [{ message: problems }];
  if (!Array.isArray(problems)) return [problems as OptionProblem];
  const seen = new Set<string>();
  return (problems as readonly OptionProblem[]).filter((problem) => !seen.has(problem.message) && seen.add(problem.message));
}

function exitCodeOf(problems: readonly OptionProblem[]): number {
  const codes = problems.map((problem) => problem.exitCode ?? ARGUMENT_ERROR_EXIT);
  if (codes.length === 0 || codes.includes(ARGUMENT_ERROR_EXIT)) return ARGUMENT_ERROR_EXIT;
  return codes[0];
}
